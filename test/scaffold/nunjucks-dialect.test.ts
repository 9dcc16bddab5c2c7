import { describe, expect, it } from 'vitest';
import { renderNunjucksText } from '../../src/scaffold/templating/nunjucks/render-text.js';
import { nunjucksRender } from './support/nunjucks-oracle.js';

const values = {
  name: 'payments-api',
  title: 'hello wORLD of payments',
  description: '  Takes payments.  ',
  owner: 'group:default/team-a',
  repoUrl: 'github.com?owner=acme&repo=payments-api',
  port: 8080,
  ratio: 2.5,
  enabled: true,
  disabled: false,
  nothing: null,
  tags: ['api', 'payments', 'java'],
  empty: [],
  nested: { a: { b: 'deep' }, list: [1, 2, 3] },
  people: [
    { name: 'ann', admin: true, age: 31 },
    { name: 'bob', admin: false, age: 25 },
    { name: 'cy', admin: true, age: 40 },
  ],
  matrix: [
    ['a', 1],
    ['b', 2],
  ],
  env: { NODE_ENV: 'production', PORT: '8080' },
  mixed: [1, null, 'x', [2, 3], { k: 1 }],
};

// Each case renders with the real nunjucks (as Backstage configures it) and with ours.
const corpus: string[] = [
  'plain text with {{ handlebars }} and $ signs and { braces }',
  'name: ${{ values.name }}\nport: ${{ values.port }}',
  '${{ values.missing }}|${{ values.missing.deeper }}|${{ values.nothing }}|${{ values.enabled }}|${{ values.disabled }}',
  '${{ values.tags }}|${{ values.nested }}|${{ values.mixed }}|${{ values.empty }}',
  '${{ values.tags[1] }} ${{ values.nested.a.b }} ${{ values.nested["list"][2] }} ${{ values.name.length }}',
  '{% if values.enabled %}yes{% endif %}{% if values.disabled %}no{% else %}else{% endif %}',
  '{% if values.port > 9000 %}big{% elif values.port > 8000 %}medium{% elseif values.port %}small{% else %}none{% endif %}',
  '{% if values.empty %}empty lists are truthy{% endif %}{% if not values.missing %} missing is falsy{% endif %}',
  '{% for t in values.tags %}${{ loop.index }}/${{ loop.length }}:${{ t }}{% if not loop.last %}, {% endif %}{% endfor %}',
  '{% for t in values.tags %}${{ loop.index0 }}${{ loop.revindex }}${{ loop.revindex0 }}${{ loop.first }}${{ loop.last }}\n{% endfor %}',
  '{% for t in values.empty %}x{% else %}nothing{% endfor %}|{% for t in values.missing %}x{% else %}missing{% endfor %}',
  '{% for k, v in values.env %}${{ k }}=${{ v }}\n{% endfor %}',
  '{% for a, b in values.matrix %}${{ a }}${{ b }};{% endfor %}',
  '{% for p in values.people %}{% for t in values.tags %}${{ p.name }}-${{ t }} {% endfor %}\n{% endfor %}',
  '{% for c in values.name %}${{ c | upper }}{% endfor %}',
  '{% for x in values.env %}x{% else %}objects need two names{% endfor %}',
  '{% set greeting = "Hi " ~ values.name %}${{ greeting }}! {% set n = values.port + 1 %}${{ n }}',
  '{% set total = 0 %}{% for p in values.people %}{% set total = total + p.age %}{% endfor %}${{ total }}',
  '{% for p in values.people %}{% set inner = p.name %}{% endfor %}[${{ inner }}]',
  '{% set block %}\n  multi ${{ values.name }}\n{% endset %}(${{ block }})',
  '{% raw %}${{ secrets.TOKEN }} {% if x %}{{ y }}{% endraw %} after ${{ values.name }}',
  '{% raw %}a{% raw %}b{% endraw %}c{% endraw %}d',
  '{% verbatim %}${{ github.ref }}{% endverbatim %}',
  '{# a comment ${{ values.name }} #}after{#- trimmed -#}   \n  x',
  'a   \n  {%- if true %}  b  {% endif -%}  \n  c',
  'items:\n{%- for t in values.tags %}\n  - ${{ t }}\n{%- endfor %}\nend',
  'x   ${{- values.name -}}   y',
  '{% raw -%}   kept   {% endraw %}   dropped',
  'keys:\n  {%- for k, v in values.env %}\n  ${{ k | lower }}: "${{ v }}"\n  {%- endfor %}\n',
  '${{ values.name | upper }} ${{ values.title | title }} ${{ values.title | capitalize }} ${{ values.description | trim }}',
  '${{ values.missing | default("fallback") }} ${{ values.nothing | default("null stays") }} ${{ "" | default("falsy", true) }}',
  '${{ values.tags | join(", ") }} ${{ values.tags | join }} ${{ values.people | join("|", "name") }} ${{ values.mixed | join("-") }}',
  '${{ values.tags | length }} ${{ values.env | length }} ${{ values.name | length }} ${{ values.missing | length }} ${{ values.port | length }}',
  '${{ values.nested | dump }} ${{ values.tags | dump(2) }} ${{ values.name | dump }} ${{ values.missing | dump }}',
  '${{ values.tags | first }} ${{ values.tags | last }} ${{ values.name | first }} ${{ values.tags | reverse | join }}',
  '${{ values.name | replace("-", "_") }} ${{ values.name | replace("a", "A", 2) }} ${{ "abc" | replace("", ".") }}',
  '${{ values.name | safe }} ${{ "<b>&</b>" | escape }} ${{ "<b>" | e }} ${{ values.port | string }}',
  '${{ "42" | int }} ${{ "4.5x" | float }} ${{ "nope" | int(7) }} ${{ "ff" | int(0, 16) }} ${{ values.ratio | round }} ${{ 2.567 | round(2) }} ${{ -3 | abs }}',
  '${{ values.tags | sort | join(",") }} ${{ values.people | sort(true, false, "age") | join(",", "name") }}',
  '${{ values.people | selectattr("admin") | join(",", "name") }} ${{ values.people | rejectattr("admin") | join(",", "name") }}',
  '${{ [1, 2, 3, 4] | select("odd") | join }} ${{ [1, 2, 3, 4] | reject("even") | join }} ${{ [1, 2, 3] | sum }}',
  '${{ "line1\\nline2" | indent(2) }}|${{ "line1\\nline2" | indent(4, true) }}|${{ "a long sentence here" | truncate(9) }}',
  '${{ values.name | urlencode }} ${{ values.env | urlencode }} ${{ "one two three" | wordcount }} ${{ "hi" | center(6) }}|',
  '${{ values.env | dictsort | join(";") }} ${{ values.tags | batch(2) | dump }} ${{ values.tags | slice(2) | dump }} ${{ "ab" | list | dump }}',
  '${{ "<p>a <b>b</b></p>" | striptags }} ${{ "a\\nb" | nl2br }} ${{ values.env | list | dump }}',
  '${{ values.repoUrl | parseRepoUrl | pick("repo") }} ${{ values.repoUrl | projectSlug }} ${{ (values.owner | parseEntityRef).name }}',
  '${{ values.port + 1 }} ${{ values.name + 1 }} ${{ values.port - "2" }} ${{ values.port * 2 }} ${{ 7 / 2 }} ${{ 7 // 2 }} ${{ 2 ** 10 }} ${{ 7 % 3 }}',
  '${{ values.tags + 1 }} ${{ values.nested + "" }} ${{ values.missing + 1 }} ${{ values.nothing + 1 }} ${{ true + 1 }}',
  '${{ values.name ~ "-" ~ values.port }} ${{ values.tags ~ "" }} ${{ values.missing ~ "x" }}',
  '${{ "a" if values.enabled else "b" }} ${{ "c" if values.disabled }}|${{ values.port == "8080" }} ${{ values.port === 8080 }} ${{ values.port != 1 }}',
  '${{ "api" in values.tags }} ${{ "pay" in values.name }} ${{ "NODE_ENV" in values.env }} ${{ "x" not in values.tags }}',
  '${{ values.enabled and values.name }} ${{ values.disabled or "alt" }} ${{ not values.enabled }} ${{ values.port >= 8080 and values.port < 9000 }}',
  '${{ values.name is defined }} ${{ values.missing is undefined }} ${{ values.nothing is none }} ${{ values.port is number }} ${{ 9 is divisibleby(3) }}',
  '${{ values.name is string }} ${{ values.missing is not defined }} ${{ 3 is odd }} ${{ values.env is mapping }} ${{ values.port is eq(8080) }}',
  '{% for i in range(3) %}${{ i }}{% endfor %} {% for i in range(2, 10, 3) %}${{ i }},{% endfor %} {% for i in range(5, 0, -2) %}${{ i }}{% endfor %}',
  '${{ values.name.toUpperCase() }} ${{ values.name.split("-")[0] }} ${{ values.tags.indexOf("payments") }} ${{ values.name.replace("-", " ") }}',
  '${{ { "a": 1, b: [values.name] } | dump }} ${{ [values.port, "x"] }} ${{ -values.port }} ${{ "5" | int + 1 }}',
  '{% filter upper %}shout ${{ values.name }}{% endfilter %} {% filter replace("a", "o") %}banana{% endfilter %}',
  '{% set a, b = "same" %}${{ a }}${{ b }}',
  'windows\r\nline endings\r\n{%- if true %}\r\nkept{% endif %}\r\n',
  'unicode ✓ naïve ${{ "ÉCOLE" | lower }} ${{ "straße" | upper }}',
  '{%- if values.enabled -%}\n\n  trimmed both sides  \n\n{%- endif -%}\n\ntail',
  'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name | dump }}\n  description: ${{ values.description | dump }}\n' +
    '{%- if values.tags | length %}\n  tags:\n  {%- for tag in values.tags %}\n    - ${{ tag }}\n  {%- endfor %}\n{%- endif %}\n' +
    'spec:\n  owner: ${{ values.owner }}\n',
];

describe('the Backstage skeleton dialect', () => {
  it.each(corpus.map((source, i) => [i, source]))('case %i renders exactly as nunjucks does', (_i, source) => {
    const context = { values: structuredClone(values) };
    expect(renderNunjucksText(source as string, context, 'test')).toBe(
      nunjucksRender(source as string, structuredClone(context)),
    );
  });
});
