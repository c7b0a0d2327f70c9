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
`;
