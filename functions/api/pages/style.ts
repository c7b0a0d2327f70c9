/** The one stylesheet of the public pages, served from /assets/site.css (no inline styles: CSP). */
export const siteCss = `
:root { color-scheme: light; --ink: #1d2330; --muted: #586174; --line: #d5d9e2; --accent: #1f5fbf; --bad: #b3261e; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
body.embed { background: transparent; }
header, main, footer { max-width: 40rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
header a { color: var(--ink); font-weight: 600; text-decoration: none; }
nav.languages ul { display: flex; gap: .75rem; list-style: none; margin: 0; padding: 0; font-size: .9rem; }
nav.languages a[aria-current] { font-weight: 700; text-decoration: none; }
main { background: #fff; border: 1px solid var(--line); border-radius: .75rem; }
body.embed main { border: 0; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: .5rem 0 1rem; }
label, legend { display: block; font-weight: 600; margin: 1.25rem 0 .35rem; }
fieldset { border: 0; margin: 1.25rem 0 0; padding: 0; }
fieldset legend { margin: 0 0 .35rem; padding: 0; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
input[type=text], input[type=email], textarea, select { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #8a93a6; border-radius: .4rem; background: #fff; }
textarea { min-height: 9rem; resize: vertical; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.choices { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
.choices label, .check label { display: inline-flex; gap: .4rem; align-items: center; font-weight: 400; margin: 0; }
.scale { display: grid; grid-template-columns: repeat(auto-fill, minmax(3rem, 1fr)); gap: .35rem; }
.scale label { justify-content: center; border: 1px solid var(--line); border-radius: .4rem; padding: .3rem 0; }
.check { margin-top: 1.25rem; }
.error { color: var(--bad); font-weight: 600; margin: .25rem 0; }
[aria-invalid=true] { border-color: var(--bad); }
.summary { border: 2px solid var(--bad); border-radius: .5rem; padding: .5rem 1rem; }
button { font: inherit; font-weight: 600; margin-top: 1.5rem; padding: .7rem 1.4rem; border: 0; border-radius: .45rem; background: var(--accent); color: #fff; cursor: pointer; }
.trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
blockquote { margin: 1rem 0; padding: .75rem 1rem; border-left: 4px solid var(--line); background: var(--bg); white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.status { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; background: #e7eefb; font-weight: 600; }
ol.updates { padding-left: 1.2rem; }
footer { color: var(--muted); font-size: .85rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); padding: .75rem; border-radius: .4rem; font-size: .85rem; }
/* ===== API reference (functions/api/pages/docs.tsx): every rule below is scoped to body.docs ===== */
body.docs header, body.docs main { max-width: 72rem; }
body.docs nav.tags ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: 0 0 1rem; padding: 0; }
body.docs nav.tags a[aria-current=page] { font-weight: 700; }
body.docs section.operation { border-top: 1px solid var(--line); margin-top: 1.5rem; }
body.docs h2 code { font-size: 1.15rem; overflow-wrap: anywhere; }
body.docs table { width: 100%; border-collapse: collapse; font-size: .9rem; margin: .75rem 0; }
body.docs caption { text-align: left; font-weight: 600; padding: .25rem 0; }
body.docs th, body.docs td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
body.docs td code { overflow-wrap: anywhere; }
body.docs td:first-child code { white-space: nowrap; }
body.docs td table { margin: .35rem 0 0; font-size: .85rem; }
/* ===== Staff console (functions/api/pages/console): every rule below is scoped to body.console ===== */
body.console header.console-header, body.console main { max-width: 84rem; }
body.console header.console-header { flex-wrap: wrap; }
body.console nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: 0; padding: 0; }
body.console nav a[aria-current=page] { font-weight: 700; text-decoration: underline; text-underline-offset: .3em; }
body.console .console-header nav a { font-weight: 500; }
body.console .who { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; font-size: .9rem; color: var(--muted); }
body.console .skip { position: absolute; left: -10000px; }
body.console .skip:focus { left: 1rem; top: .5rem; z-index: 1; background: #fff; padding: .4rem .8rem; }
body.console .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
body.console h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
body.console section { margin-top: 1.5rem; }
body.console button { margin-top: .75rem; }
body.console button.secondary { margin-top: 0; padding: .35rem .8rem; background: #fff; color: var(--accent); border: 1px solid var(--accent); }
body.console button.danger { background: var(--bad); }
body.console form.inline { display: inline-flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
body.console form.inline select { width: auto; padding: .3rem .4rem; }
body.console .row-forms { display: flex; flex-wrap: wrap; gap: .5rem; }
body.console .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0 1rem; align-items: end; margin-bottom: 1rem; }
body.console .filters label { margin-top: .75rem; }
body.console .filters .actions { display: flex; gap: 1rem; align-items: center; }
body.console .counts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; }
body.console .counts a { display: inline-block; padding: .25rem .75rem; border: 1px solid var(--line); border-radius: 1rem; color: var(--ink); text-decoration: none; }
body.console .counts a[aria-current=page] { background: var(--accent); border-color: var(--accent); color: #fff; text-decoration: none; }
body.console .count { font-weight: 700; }
body.console .flash p { margin: .5rem 0 1rem; padding: .5rem .8rem; border: 1px solid #1e7b34; border-radius: .4rem; background: #e6f4ea; }
body.console .table-wrap { overflow-x: auto; }
body.console table { width: 100%; border-collapse: collapse; font-size: .92rem; }
body.console caption { text-align: start; font-weight: 600; padding: .5rem 0; }
body.console th, body.console td { text-align: start; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--line); }
body.console thead th { background: var(--bg); }
body.console tbody th { font-weight: 400; white-space: nowrap; }
body.console td.excerpt { max-width: 28rem; overflow-wrap: anywhere; }
body.console td input[type=checkbox] { width: 1.2rem; height: 1.2rem; }
body.console .control { padding: 0 .15rem; border: 1px dashed var(--bad); border-radius: .2rem; color: var(--bad); font: .8em ui-monospace, monospace; }
body.console .badge { margin-inline-start: .5rem; padding: .05rem .5rem; border-radius: 1rem; background: #e7eefb; font-size: .8rem; }
body.console .details { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .5rem 1.5rem; margin: 0; }
body.console .details dt { color: var(--muted); font-size: .85rem; font-weight: 600; }
body.console .details dd { margin: 0; overflow-wrap: anywhere; }
body.console ol.timeline { list-style: none; margin: .5rem 0; padding: 0; border-inline-start: 3px solid var(--line); }
body.console ol.timeline > li { padding: .25rem 0 .75rem 1rem; }
body.console .meta { margin: 0; font-size: .9rem; }
body.console ul.changes { margin: .25rem 0; }
body.console .conflict { margin: 1rem 0; padding: .5rem 1rem; border: 2px solid var(--bad); border-radius: .5rem; background: #fff7f6; }
body.console .created { margin: 1rem 0; padding: .5rem 1rem; border: 2px solid #1e7b34; border-radius: .5rem; }
body.console .created input { font-family: ui-monospace, monospace; }
body.console .pager ul { display: flex; flex-wrap: wrap; gap: 1.5rem; list-style: none; margin: 1rem 0 0; padding: 0; }
body.console fieldset.bulk-controls { margin-top: 1rem; padding: .5rem 1rem 1rem; border: 1px solid var(--line); border-radius: .5rem; }
body.console fieldset.bulk-controls legend { padding: 0 .3rem; }
/* ===== end of staff console ===== */
/* ===== Goals and actions (functions/api/pages/console/goals*.tsx, action*.tsx): scoped to body.console ===== */
body.console input[type=date], body.console input[type=number] { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #8a93a6; border-radius: .4rem; background: #fff; }
body.console ul.goal-tree { list-style: none; margin: .5rem 0; padding: 0; }
body.console ul.goal-tree ul.goal-tree { margin-inline-start: 1.25rem; padding-inline-start: 1rem; border-inline-start: 3px solid var(--line); }
body.console .goal-summary { margin: .5rem 0; padding: .5rem .9rem .7rem; border: 1px solid var(--line); border-radius: .5rem; background: #fff; }
body.console .goal-summary h3 { font-size: 1.05rem; margin: .2rem 0; }
body.console .goal-summary .level { color: var(--muted); font-weight: 500; font-size: .9rem; }
body.console .goal-progress { margin: .4rem 0; }
body.console .goal-progress p { margin: 0 0 .25rem; }
body.console progress { width: 100%; max-width: 32rem; height: 1rem; accent-color: var(--accent); }
body.console .goal-chart { margin: .5rem 0 1rem; }
body.console .chart-box { position: relative; width: 100%; max-width: 56rem; height: 20rem; }
body.console .chart-box canvas { max-width: 100%; }
body.console .table-wrap.weekly { max-height: 20rem; overflow-y: auto; max-width: 36rem; }
body.console .board { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; align-items: start; }
body.console .board-column { margin: 0; padding: .25rem .6rem .6rem; border: 1px solid var(--line); border-radius: .5rem; background: var(--bg); }
body.console .board-column h3 { font-size: 1rem; margin: .4rem 0; }
body.console .board-column ul.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
body.console .card { padding: .4rem .6rem; border: 1px solid var(--line); border-radius: .4rem; background: #fff; }
body.console .card-title { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
body.console fieldset.metric-fields { margin-top: 1rem; padding: .5rem 1rem 1rem; border: 1px solid var(--line); border-radius: .5rem; }
body.console fieldset.metric-fields legend { padding: 0 .3rem; }
body.console textarea.ids { min-height: 5rem; font-family: ui-monospace, monospace; }
body.console .text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
body.console fieldset.bulk-goal { margin-top: 1rem; padding: .5rem 1rem 1rem; border: 1px solid var(--line); border-radius: .5rem; }
/* ===== end of goals and actions ===== */
`;
