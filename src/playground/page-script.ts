// The playground page's script: sends what the person does as the requests Slack would make
// (a slash command, a DM, a message shortcut on a message sent, block_actions with the element's
// payload, a modal's view.state.values on submit, block_suggestion as they type in an external
// select) and puts the server's rendered,
// already-escaped HTML in place: new messages, a replaced one, the modal, App Home.
export const PAGE_SCRIPT = `
const feed = document.getElementById('feed');
const modalRoot = document.getElementById('modal-root');
const homePane = document.getElementById('home');
const failure = document.getElementById('failure');
let openModal = null;
// Which tab asks: a modal belongs to the tab that opened it, so one left open in a closed tab
// does not reappear over this tab's answers.
const tab = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));

function fragment(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild;
}

async function call(path, body) {
  failure.textContent = '';
  const headers = { 'content-type': 'application/json' };
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify({ ...body, tab }) });
  const data = await res.json().catch(() => ({ error: 'the playground did not answer' }));
  if (!res.ok) { failure.textContent = data.error || ('error ' + res.status); return null; }
  return data;
}

function apply(update, origin) {
  if (!update) return;
  for (const reply of update.replies) {
    if (reply.delete_original) { if (origin) origin.remove(); origin = null; continue; }
    const el = fragment(reply.html);
    if (reply.replace_original && origin) { origin.replaceWith(el); origin = el; }
    else { feed.append(el); el.scrollIntoView({ block: 'end' }); }
  }
  if (update.home !== undefined) homePane.innerHTML = update.home;
  showModal(update.modal);
  if (update.errors) showErrors(update.errors);
}

function showModal(modal) {
  if (!modal) { modalRoot.replaceChildren(); openModal = null; return; }
  if (openModal && openModal.id === modal.id && openModal.hash === modal.hash) return;
  modalRoot.innerHTML = modal.html;
  openModal = modal;
  const first = modalRoot.querySelector('[autofocus]') || modalRoot.querySelector('input,textarea,select');
  if (first) first.focus();
}

function showErrors(errors) {
  for (const [blockId, message] of Object.entries(errors)) {
    const block = [...modalRoot.querySelectorAll('.bk-input')].find((b) => b.dataset.blockId === blockId);
    if (!block) { failure.textContent = message; continue; }
    block.classList.add('has-error');
    const slot = block.querySelector('.bk-error');
    slot.textContent = message;
    slot.hidden = false;
  }
}

function clearErrors() {
  for (const block of modalRoot.querySelectorAll('.has-error')) {
    block.classList.remove('has-error');
    const slot = block.querySelector('.bk-error');
    slot.textContent = '';
    slot.hidden = true;
  }
}

const parse = (text) => JSON.parse(text);

function stateOf(el) {
  const type = parse(el.dataset.state).type;
  const out = { type };
  const chips = () => [...el.querySelectorAll('.bk-chip')].map((c) => parse(c.dataset.option));
  const checked = () => [...el.querySelectorAll('input:checked')].map((i) => parse(i.dataset.option));
  switch (type) {
    case 'datepicker': out.selected_date = el.value || null; break;
    case 'timepicker': out.selected_time = el.value || null; break;
    case 'datetimepicker':
      out.selected_date_time = el.value ? Math.floor(new Date(el.value).getTime() / 1000) : null;
      break;
    case 'static_select': {
      const o = el.selectedOptions[0];
      out.selected_option = o && o.dataset.option ? parse(o.dataset.option) : null;
      break;
    }
    case 'multi_static_select':
      out.selected_options = [...el.selectedOptions].map((o) => parse(o.dataset.option));
      break;
    case 'external_select': out.selected_option = chips()[0] || null; break;
    case 'multi_external_select': out.selected_options = chips(); break;
    case 'checkboxes': out.selected_options = checked(); break;
    case 'radio_buttons': out.selected_option = checked()[0] || null; break;
    default: out.value = el.value === '' ? null : el.value;
  }
  return out;
}

function valuesOf(root) {
  const values = {};
  if (!root) return values;
  for (const el of root.querySelectorAll('[data-state]')) {
    const s = parse(el.dataset.state);
    (values[s.block_id] = values[s.block_id] || {})[s.action_id] = stateOf(el);
  }
  return values;
}

/** Sends block_actions for an element of a message, a modal or App Home. */
async function act(el, action) {
  const message = el.closest('.msg');
  const view = el.closest('[data-view-id]');
  const body = { action };
  if (view) { body.view_id = view.dataset.viewId; body.values = valuesOf(view); }
  else if (message) body.ephemeral = message.dataset.ephemeral === 'true';
  apply(await call('/playground/act', body), message);
}

// Enter sends, as in Slack; Shift+Enter keeps a new line (a pasted trace keeps its lines).
document.getElementById('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    document.getElementById('ask').requestSubmit();
  }
});

document.getElementById('ask').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('text');
  const text = input.value.trim();
  if (!text) return;
  selectTab('messages');
  apply(await call('/playground/ask', { text }));
});

document.addEventListener('click', (e) => {
  const target = e.target;
  if (!(target instanceof Element)) return;
  for (const menu of document.querySelectorAll('.bk-menu:not([hidden]),.bk-suggestions:not([hidden])')) {
    if (!menu.parentElement.contains(target)) menu.hidden = true;
  }
  const toggle = target.closest('.bk-overflow-toggle');
  if (toggle) { const menu = toggle.nextElementSibling; menu.hidden = !menu.hidden; return; }
  const remove = target.closest('.bk-chip-remove');
  if (remove) { remove.parentElement.remove(); return; }
  const suggestion = target.closest('.bk-suggestions button');
  if (suggestion) { choose(suggestion); return; }
  const tab = target.closest('.tab');
  if (tab) { selectTab(tab.dataset.tab); return; }
  const closer = target.closest('.modal-close,.modal-x,.modal-back');
  if (closer) { closeModal(); return; }
  const shortcut = target.closest('button[data-shortcut]');
  if (shortcut) {
    shortcut.closest('.bk-menu').hidden = true;
    const message = shortcut.closest('.msg');
    call('/playground/shortcut', { message_id: message.dataset.messageId, callback_id: shortcut.dataset.shortcut })
      .then((update) => apply(update));
    return;
  }
  const actor = target.closest('button[data-act],a[data-act]');
  if (actor) {
    const menu = actor.closest('.bk-menu');
    if (menu) menu.hidden = true;
    act(actor, parse(actor.dataset.act));
  }
});

document.addEventListener('change', (e) => {
  const el = e.target;
  if (!(el instanceof Element)) return;
  if (el.matches('select[data-act]')) {
    const o = el.selectedOptions[0];
    act(el, { ...parse(el.dataset.act), selected_option: parse(o.dataset.option) });
  } else if (el.matches('[data-dispatch]')) {
    const s = parse(el.dataset.state);
    act(el, { action_id: s.action_id, block_id: s.block_id, ...stateOf(el) });
  } else if (el.closest('.bk-choices[data-dispatch]')) {
    const group = el.closest('.bk-choices');
    const s = parse(group.dataset.state);
    act(group, { action_id: s.action_id, block_id: s.block_id, ...stateOf(group) });
  }
});

let typing;
document.addEventListener('input', (e) => {
  const el = e.target;
  if (!(el instanceof Element) || !el.matches('.bk-external-query')) return;
  clearTimeout(typing);
  typing = setTimeout(() => suggest(el), 150);
});
document.addEventListener('focusin', (e) => {
  const el = e.target;
  if (el instanceof Element && el.matches('.bk-external-query')) suggest(el);
});

async function suggest(input) {
  const box = input.closest('.bk-external');
  const spec = parse(box.dataset.act || box.dataset.state);
  const view = box.closest('[data-view-id]');
  const body = { action_id: spec.action_id, block_id: spec.block_id, value: input.value };
  if (view) { body.view_id = view.dataset.viewId; body.values = valuesOf(view); }
  const answer = await call('/playground/options', body);
  if (!answer) return;
  const list = box.querySelector('.bk-suggestions');
  const groups = answer.option_groups || [{ options: answer.options }];
  list.replaceChildren();
  for (const group of groups) {
    for (const option of group.options || []) {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'option');
      b.textContent = option.text.text;
      b.dataset.option = JSON.stringify({ text: option.text, value: option.value });
      list.append(b);
    }
  }
  if (!list.children.length) {
    const none = document.createElement('span');
    none.className = 'bk-hint';
    none.textContent = 'No matches';
    list.append(none);
  }
  list.hidden = false;
}

function choose(button) {
  const box = button.closest('.bk-external');
  const option = parse(button.dataset.option);
  box.querySelector('.bk-suggestions').hidden = true;
  const query = box.querySelector('.bk-external-query');
  query.value = '';
  if (box.dataset.act) { act(box, { ...parse(box.dataset.act), selected_option: option }); return; }
  const chip = document.createElement('span');
  chip.className = 'bk-chip';
  chip.dataset.option = JSON.stringify(option);
  chip.textContent = option.text.text;
  const multiple = box.classList.contains('multiple');
  if (multiple) {
    const x = document.createElement('button');
    x.type = 'button'; x.className = 'bk-chip-remove'; x.setAttribute('aria-label', 'Remove'); x.textContent = '×';
    chip.append(x);
  }
  const chosen = box.querySelector('.bk-chosen');
  if (multiple) chosen.append(chip); else chosen.replaceChildren(chip);
  if (box.hasAttribute('data-dispatch')) {
    const s = parse(box.dataset.state);
    act(box, { action_id: s.action_id, block_id: s.block_id, ...stateOf(box) });
  }
}

modalRoot.addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target.closest('form.modal');
  clearErrors();
  apply(await call('/playground/submit', { view_id: form.dataset.viewId, values: valuesOf(form) }));
});

async function closeModal() {
  const form = modalRoot.querySelector('form.modal');
  if (form) apply(await call('/playground/close', { view_id: form.dataset.viewId }));
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && openModal) closeModal();
});

async function selectTab(name) {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  }
  document.getElementById('messages').hidden = name !== 'messages';
  homePane.hidden = name !== 'home';
  if (name === 'home') apply(await call('/playground/home', {}));
}
`;
