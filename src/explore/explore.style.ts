/**
 * The explorer's stylesheet, served as an asset (the page allows `style-src 'self'` only). Its
 * `<link>` carries the id of cytoscape's own stylesheet, so cytoscape finds it and inserts no
 * inline `<style>` (which the policy would refuse); the rule cytoscape would insert is here.
 */
export const EXPLORE_CSS = `.__________cytoscape_container { position: relative; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 14px; color: #1d2733; background: #f5f7fa;
  display: grid; grid-template-rows: auto 1fr; }
header.bar { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; padding: 0.6rem 1rem; background: #1f4e79; color: #fff; }
header.bar h1 { font-size: 1.1rem; margin: 0; }
header.bar code { background: rgba(255, 255, 255, 0.15); padding: 0 0.3em; border-radius: 3px; }
header.bar #status { margin: 0; flex: 1; font-size: 0.9rem; opacity: 0.9; }
header.bar a { color: #fff; }
main { display: grid; grid-template-columns: 1fr 380px; min-height: 0; }
.view { display: grid; grid-template-rows: auto 1fr; min-height: 0; min-width: 0; }
[role="tablist"] { display: flex; gap: 0.25rem; padding: 0.4rem 0.6rem 0; border-bottom: 1px solid #d5dbe3; }
[role="tab"] { font: inherit; border: 1px solid #d5dbe3; border-bottom: none; background: #e9edf2; padding: 0.3rem 0.9rem; border-radius: 6px 6px 0 0; cursor: pointer; }
[role="tab"][aria-selected="true"] { background: #fff; font-weight: 600; }
[role="tabpanel"] { position: relative; min-height: 0; background: #fff; }
[role="tabpanel"][hidden] { display: none; }
#graph { position: absolute; inset: 0; }
#message { position: absolute; top: 2rem; left: 2rem; right: 2rem; padding: 1rem 1.2rem; background: #fff4e5; border: 1px solid #f0b37e; border-radius: 6px; font-size: 1rem; }
#message[hidden] { display: none; }
#legend { position: absolute; left: 0.6rem; bottom: 0.6rem; margin: 0; padding: 0.4rem 0.6rem; list-style: none; background: rgba(255, 255, 255, 0.9);
  border: 1px solid #d5dbe3; border-radius: 6px; font-size: 12px; }
#legend li { display: flex; align-items: center; gap: 0.4rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; }
#forest-view { overflow: auto; padding: 1rem; }
#forest-form { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; }
#forest-form label { display: grid; gap: 0.2rem; font-size: 12px; color: #5b6673; }
#forest-form select { font: inherit; max-width: 28rem; }
#forest-studies { font-size: 12px; color: #5b6673; }
#forest-message strong { color: #8a1c1c; }
#forest-message .code { font-family: ui-monospace, monospace; font-size: 12px; }
#forest-image { display: block; max-width: 100%; height: auto; border: 1px solid #e1e6ec; }
#forest-image[hidden] { display: none; }
#panel { overflow: auto; padding: 0.8rem 1rem; border-left: 1px solid #d5dbe3; background: #fff; }
#panel h2 { font-size: 1.1rem; margin: 0.1rem 0 0.6rem; overflow-wrap: anywhere; }
#panel h3 { font-size: 0.95rem; margin: 1rem 0 0.3rem; padding-top: 0.6rem; border-top: 1px solid #e1e6ec; }
#panel h4 { font-size: 0.85rem; margin: 0.6rem 0 0.2rem; }
#panel .kind { margin: 0; font-size: 12px; color: #5b6673; text-transform: uppercase; letter-spacing: 0.04em; }
.hint { color: #5b6673; font-size: 12px; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.6rem; margin: 0.3rem 0; font-size: 13px; }
dl.fields dt { color: #5b6673; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
ul.items { margin: 0.2rem 0; padding-left: 1.1rem; font-size: 13px; }
figure.quote { margin: 0.4rem 0; padding: 0.4rem 0.6rem; border-left: 3px solid #2a9d8f; background: #f3f8f7; }
figure.quote blockquote { margin: 0; font-style: italic; }
figure.quote figcaption { margin-top: 0.25rem; font-size: 12px; color: #5b6673; display: flex; gap: 0.5rem; flex-wrap: wrap; }
figure.quote .note { margin: 0.2rem 0 0; font-size: 12px; color: #5b6673; overflow-wrap: anywhere; }
.verification { font-weight: 600; font-size: 11px; padding: 0 0.3em; border-radius: 3px; background: #dfe7ef; }
.verification.verified { background: #d4edda; }
.verification.secondary { background: #fff3cd; }
.verification.derived { background: #e2e3f3; }
`;

/** The page's icon (a request the browser makes anyway), drawn as three linked nodes. */
export const EXPLORE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M8 22 16 8l8 14z" fill="none" stroke="#1f4e79" stroke-width="2"/><circle cx="16" cy="8" r="5" fill="#1f4e79"/><circle cx="8" cy="22" r="5" fill="#2a9d8f"/><circle cx="24" cy="22" r="5" fill="#e76f51"/></svg>
`;
