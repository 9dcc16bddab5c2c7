// The playground's look: Slack's message pane, Block Kit elements and modal dialog, close enough
// that what a person sees here is what their colleagues will see in Slack.
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;color:#1d1c1d;background:#fff;display:flex;height:100vh;
  font:15px/1.46668 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Lato,Arial,sans-serif}
.sidebar{width:220px;background:#3f0e40;color:#cfc3cf;padding:12px 0;flex-shrink:0}
.sidebar .workspace{color:#fff;font-weight:900;font-size:18px;padding:4px 16px 12px;border-bottom:1px solid #522653}
.sidebar .heading{padding:12px 16px 4px;font-size:14px}
.sidebar .channel{padding:2px 16px 2px 26px;font-size:15px}
.sidebar .channel.active{background:#1164a3;color:#fff}
main{flex:1;display:flex;flex-direction:column;min-width:0}
.pane-head{border-bottom:1px solid #ddd;padding:10px 20px 0}
.pane-head h1{font-size:18px;font-weight:900;margin:0 0 6px}
.tabs{display:flex;gap:16px}
.tab{border:0;background:none;font:inherit;font-size:13px;font-weight:700;color:#616061;padding:4px 0 8px;
  cursor:pointer;border-bottom:2px solid transparent}
.tab[aria-selected=true]{color:#1d1c1d;border-bottom-color:#1264a3}
.feed,.home-pane{flex:1;overflow-y:auto;padding:12px 0}
.hint{color:#616061;font-size:13px;padding:0 20px 8px}
.hint code{font-size:12px}
.composer{padding:0 20px 20px}
.composer form{display:flex;border:1px solid rgba(29,28,29,.3);border-radius:8px;padding:8px 10px}
.composer textarea{flex:1;border:0;font:inherit;outline:none;resize:none;max-height:40vh;field-sizing:content}
.composer .send{border:0;background:#007a5a;color:#fff;border-radius:4px;font-weight:700;padding:2px 12px;
  cursor:pointer}
.failure{color:#e01e5a;font-size:13px;padding:4px 20px}
.msg{display:flex;gap:8px;padding:8px 20px}
.msg:hover{background:#f8f8f8}
.msg-avatar{width:36px;height:36px;border-radius:4px;background:#4a154b;color:#fff;font-weight:900;display:flex;
  align-items:center;justify-content:center;flex-shrink:0}
.msg-main{flex:1;min-width:0}
.msg-head{display:flex;align-items:center;gap:4px}
.msg-author{font-weight:900}
.msg-app{font-size:10px;font-weight:700;color:#616061;background:rgba(29,28,29,.13);border-radius:2px;padding:0 3px}
.msg-ephemeral{font-size:13px;color:#616061}
.msg-avatar.you{background:#1264a3}
.msg-text{white-space:pre-wrap;overflow-wrap:anywhere;max-height:24em;overflow:auto}
.msg-actions{margin-left:auto}
.bk-block{margin:4px 0 0}
.bk-header{font-size:18px;font-weight:900;line-height:1.33;margin-top:8px}
.bk-section{display:flex;gap:12px;align-items:flex-start}
.bk-section-main{flex:1;min-width:0;overflow-wrap:anywhere}
.bk-fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:4px}
.bk-accessory{flex-shrink:0}
.bk-accessory-image{width:88px;height:88px;border-radius:4px;object-fit:cover}
.bk-context{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;font-size:12px;color:#616061}
.bk-context-image{width:16px;height:16px;border-radius:2px}
.bk-divider{border:0;border-top:1px solid #ddd;margin:12px 0}
.bk-image-img{max-width:360px;max-height:360px;border-radius:4px;display:block}
.bk-image-title{font-size:13px;color:#616061}
.bk-actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
a{color:#1264a3;text-decoration:none}a:hover{text-decoration:underline}
b{font-weight:700}
code{font:12px/1.5 Monaco,Menlo,Consolas,"Courier New",monospace;color:#e01e5a;background:rgba(29,28,29,.04);
  border:1px solid rgba(29,28,29,.13);border-radius:3px;padding:2px 3px}
pre.code{font:12px/1.5 Monaco,Menlo,Consolas,"Courier New",monospace;background:rgba(29,28,29,.04);
  border:1px solid rgba(29,28,29,.13);
  border-radius:4px;padding:8px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote{margin:4px 0;border-left:4px solid #ddd;padding-left:12px}
ul,ol{margin:2px 0;padding-left:22px}ol{list-style:none;padding-left:8px}.marker{color:#616061}
.mention{color:#1264a3;background:rgba(29,155,209,.1);border-radius:3px;padding:0 2px}
.bk-button{display:inline-flex;align-items:center;height:28px;padding:0 12px;font:inherit;font-size:13px;
  font-weight:700;color:#1d1c1d;
  background:#fff;border:1px solid rgba(29,28,29,.3);border-radius:4px;cursor:pointer;white-space:nowrap}
.bk-button:hover{background:#f8f8f8;text-decoration:none}
.bk-button.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.bk-button.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.bk-select,.bk-text{font:inherit;font-size:15px;border:1px solid rgba(29,28,29,.3);border-radius:4px;
  padding:4px 8px;background:#fff;color:#1d1c1d;min-height:28px}
.bk-actions .bk-select,.bk-accessory .bk-select{font-size:13px;font-weight:700;height:28px;max-width:260px}
.bk-overflow{position:relative;display:inline-block}
.bk-menu{position:absolute;right:0;top:32px;z-index:5;background:#fff;border:1px solid rgba(29,28,29,.13);
  border-radius:6px;
  box-shadow:0 4px 12px rgba(0,0,0,.12);padding:6px 0;min-width:180px;display:flex;flex-direction:column}
.bk-menu[hidden]{display:none}
.bk-menu button,.bk-suggestions button{border:0;background:none;font:inherit;text-align:left;padding:4px 16px;
  cursor:pointer}
.bk-menu button:hover,.bk-suggestions button:hover{background:#1264a3;color:#fff}
.bk-external{position:relative;display:flex;flex-wrap:wrap;gap:4px;align-items:center;
  border:1px solid rgba(29,28,29,.3);border-radius:4px;padding:3px 6px;background:#fff}
.bk-external-query{border:0;flex:1;min-width:120px;font:inherit;outline:none}
.bk-chosen{display:contents}
.bk-chip{background:rgba(29,155,209,.1);border-radius:4px;padding:0 6px;font-size:14px}
.bk-chip-remove{border:0;background:none;cursor:pointer;color:#616061}
.bk-suggestions{position:absolute;left:0;right:0;top:100%;z-index:5;background:#fff;
  border:1px solid rgba(29,28,29,.13);border-radius:6px;
  box-shadow:0 4px 12px rgba(0,0,0,.12);max-height:220px;overflow:auto;display:flex;flex-direction:column;
  padding:4px 0}
.bk-suggestions[hidden]{display:none}
.bk-input{margin-top:16px;display:flex;flex-direction:column;gap:4px}
.bk-input .bk-text{width:100%}
.bk-label{font-weight:700}
.bk-optional{font-weight:400;color:#616061}
.bk-hint{font-size:13px;color:#616061}
.bk-error{font-size:13px;color:#e01e5a}
.bk-input.has-error .bk-text,.bk-input.has-error .bk-select,.bk-input.has-error .bk-external{border-color:#e01e5a}
.bk-choices{display:flex;flex-direction:column;gap:4px}
.bk-choice{display:flex;gap:8px;align-items:flex-start}
.bk-choice-description{display:block;font-size:13px;color:#616061}
.bk-unsupported{color:#616061;font-style:italic;font-size:13px}
.modal-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.6);display:flex;align-items:center;
  justify-content:center;z-index:10}
.modal{background:#fff;width:540px;max-width:calc(100vw - 40px);max-height:calc(100vh - 80px);border-radius:8px;
  display:flex;flex-direction:column;
  box-shadow:0 18px 48px rgba(0,0,0,.35)}
.modal-head{display:flex;align-items:center;gap:8px;padding:20px 28px 16px;border-bottom:1px solid #ddd}
.modal-head h2{flex:1;font-size:22px;font-weight:900;margin:0}
.modal-x,.modal-back{border:0;background:none;font-size:24px;line-height:1;cursor:pointer;color:#616061}
.modal-body{padding:12px 28px 24px;overflow-y:auto}
.modal-foot{display:flex;justify-content:flex-end;gap:12px;padding:20px 28px;border-top:1px solid #ddd}
.modal-foot .bk-button{height:36px;font-size:15px;padding:0 16px}
.home{padding:0 20px}
.home-empty{color:#616061;padding:0 20px}
`;
