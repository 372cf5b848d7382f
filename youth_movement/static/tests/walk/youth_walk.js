/* The language walk (tests/test_language_walk.py): opens each page of a path in a frame, clicks
 * what a user would click there (menus, search panel, dialogs), and logs every string a user can
 * see: text, placeholders, titles and button labels. The test reads the log and decides.
 * YOUTH_LANG ("kk-KZ") and YOUTH_WALK, set by the test before this file: [{url, action and options or top, ready, actions:
 * [{click, wait}]}]. */
(async function youthWalk() {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    async function waitFor(probe, timeout = 20000) {
        const start = Date.now();
        while (Date.now() - start < timeout) {
            const found = probe();
            if (found) {
                return found;
            }
            await sleep(100);
        }
        return null;
    }
    // not the interface: code, what people wrote (messages, HTML fields) and the values a record had
    // when the chatter tracked them (stored as text in the language of that moment)
    const SKIP = [
        "script, style, noscript, code, pre, textarea, .o_field_html, .o-mail-Message-body",
        "[contenteditable='true'], .o-mail-Message-trackingOld, .o-mail-Message-trackingNew",
    ].join(", ");

    function visible(win, el) {
        if (!el.getClientRects().length) {
            return false;
        }
        const style = win.getComputedStyle(el);
        return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) !== 0;
    }

    function collect(frame) {
        const win = frame.contentWindow;
        const doc = frame.contentDocument;
        const strings = new Set();
        const walker = doc.createTreeWalker(doc.body, win.NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.nodeValue.replace(/\s+/g, " ").trim();
            const el = node.parentElement;
            if (text && el && !el.closest(SKIP) && visible(win, el)) {
                strings.add(text);
            }
        }
        for (const el of doc.querySelectorAll("[placeholder], [title], input[type=submit], input[type=button]")) {
            if (el.closest(SKIP) || !visible(win, el)) {
                continue;
            }
            for (const value of [el.getAttribute("placeholder"), el.getAttribute("title"), el.matches("input[type=submit], input[type=button]") && el.value]) {
                if (value && value.trim()) {
                    strings.add(value.replace(/\s+/g, " ").trim());
                }
            }
        }
        // a select shows its chosen option, which has no box of its own
        for (const select of doc.querySelectorAll("select")) {
            const option = select.selectedOptions[0];
            if (option && !select.closest(SKIP) && visible(win, select) && option.text.trim()) {
                strings.add(option.text.replace(/\s+/g, " ").trim());
            }
        }
        return [...strings];
    }

    // portal pages open in a frame; the web client refuses frames (X-Frame-Options), so its pages
    // are actions opened in the page itself
    const frame = document.createElement("iframe");
    frame.style.cssText = "position:fixed;left:0;top:0;width:1366px;height:900px;z-index:100000;background:#fff;border:0";
    const top = { contentWindow: window, contentDocument: document };
    let view = top;
    for (const page of YOUTH_WALK) {
        if (page.top) {
            view = top; // the page the browser opened
        } else if (page.action) {
            await waitFor(() => window.odoo && odoo.__WOWL_DEBUG__ && odoo.__WOWL_DEBUG__.root);
            const env = odoo.__WOWL_DEBUG__.root.env;
            for (const modal of document.querySelectorAll(".modal .btn-close")) {
                modal.click();
            }
            await env.services.action.doAction(page.action, Object.assign({ clearBreadcrumbs: true }, page.options || {}));
            view = top;
        } else {
            if (!frame.isConnected) {
                document.body.appendChild(frame);
            }
            await new Promise((resolve) => {
                frame.onload = resolve;
                frame.src = page.url;
            });
            view = frame;
        }
        const ready = await waitFor(() => view.contentDocument.querySelector(page.ready || "body"));
        if (!ready) {
            console.error(`youth-walk: ${page.url}: ${page.ready} never appeared`);
            return;
        }
        await sleep(800);
        const strings = new Set(collect(view));
        for (const action of page.actions || []) {
            const target = await waitFor(() => view.contentDocument.querySelector(action.click));
            if (!target) {
                console.error(`youth-walk: ${page.url}: nothing to click at ${action.click}`);
                return;
            }
            target.click();
            if (action.wait && !(await waitFor(() => view.contentDocument.querySelector(action.wait)))) {
                console.error(`youth-walk: ${page.url}: ${action.wait} never appeared after clicking ${action.click}`);
                return;
            }
            await sleep(700);
            for (const text of collect(view)) {
                strings.add(text);
            }
        }
        // the browser's own date names (calendar headers, week numbers) come from its Intl data,
        // not from Odoo: tell the test whether this browser has them in the page's language
        const lang = YOUTH_LANG;
        const day = new Date(2026, 11, 1);
        const names = new Intl.DateTimeFormat(lang, { weekday: "long", month: "long" }).format(day);
        const intl = lang.startsWith("en") || !/[A-Za-z]/.test(names);
        console.log("youth-walk-page " + JSON.stringify({ url: page.url, lang, intl, strings: [...strings] }));
    }
    console.log("youth-walk done");
})();
