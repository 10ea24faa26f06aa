#!/usr/bin/env python3
"""Walks through `glimpse serve`'s page in headless Chromium, as a person would.

Usage: check_page.py BASE_URL QUERY [SCREENSHOT.png]

Loads BASE_URL/?q=QUERY (its pictures must show), clicks the first result's picture (it must become the
query, and the new page must list results without it), shift-clicks a result of
that page (it must be added: `IMG_a + IMG_b`), presses the right arrow twice and
`-` (the second result must be subtracted), drops a picture on the page (the next
query must name it, or a message must say why not), and types into the query box
(the completion list must offer words). Talks to Chromium over --remote-debugging-pipe
with check_notebook.py's Browser. Prints one JSON object; exits 0 when every step
did what it should and no script error happened, 1 otherwise. Each page's
`load_ms` is the time from navigation to its load event, pictures included. With SCREENSHOT,
keeps a picture of the first page.
"""
import base64, json, os, sys, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_notebook import Browser  # noqa: E402

STATE = """(async () => {
    if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r, {once: true}));
    const images = [...document.querySelectorAll('.hit img')];
    await Promise.all(images.map(i => i.decode().catch(() => null)));
    return {
        query: document.getElementById('q').value,
        url: location.pathname + location.search,
        ids: [...document.querySelectorAll('.hit a.id')].map(a => a.textContent),
        decoded: images.filter(i => i.naturalWidth > 0).length,
        errors: [...document.querySelectorAll('pre.error')].map(e => e.textContent),
        load_ms: Math.round(performance.getEntriesByType('navigation')[0].duration),
    };
})()"""

CENTRE = """(() => {
    const target = document.querySelectorAll('.hit a.use img')[%d];
    target.scrollIntoView({block: 'center'});
    const r = target.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2};
})()"""

DROP = """(async () => {
    const bytes = await (await fetch(document.querySelector('.hit a.id').href.replace('/show/', '/image/'))).blob();
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'photo.png', {type: bytes.type}));
    dispatchEvent(new DragEvent('dragenter', {dataTransfer: transfer, bubbles: true}));
    dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
    return bytes.size;
})()"""

MESSAGE = "(() => { const m = document.getElementById('message'); return m.hidden ? null : m.textContent; })()"

COMPLETIONS = """(() => {
    const list = document.getElementById('completions');
    return list.hidden ? null : [...list.children].map(li => li.textContent);
})()"""


def evaluate(browser, session, expression):
    result = browser.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True},
                          session=session)
    if "exceptionDetails" in result:
        raise RuntimeError(result["exceptionDetails"].get("text", "script failed"))
    return result["result"].get("value")


def click(browser, session, index, modifiers=0):
    """A real mouse click at the centre of the index-th result's picture; waits for the next page."""
    point = evaluate(browser, session, CENTRE % index)
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", {"type": kind, "x": point["x"], "y": point["y"], "button": "left",
                                                  "clickCount": 1 if kind != "mouseMoved" else 0, "modifiers": modifiers},
                     session=session)
    browser.wait_for("Page.loadEventFired")
    return evaluate(browser, session, STATE)


def key(browser, session, name, code=0):
    browser.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": name, "windowsVirtualKeyCode": code,
                                            **({"text": name} if len(name) == 1 else {})}, session=session)
    browser.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": name, "windowsVirtualKeyCode": code}, session=session)


def main(base, query, screenshot=None):
    start = time.time()
    browser = Browser()
    report = {}
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Runtime.enable", session=session)
        browser.call("Page.navigate", {"url": base.rstrip("/") + "/?q=" + urllib.parse.quote_plus(query)}, session=session)
        browser.wait_for("Page.loadEventFired")
        first = evaluate(browser, session, STATE)
        report["first"] = first
        if screenshot:
            data = browser.call("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
            os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(data))
        if first["ids"]:
            # A click on a result makes it the query, as in the origin.
            clicked = first["ids"][0]
            after = click(browser, session, 0)
            report["clicked"] = clicked
            report["after_click"] = after
            # Shift-click adds a result of that page to the query.
            if after["ids"]:
                added = after["ids"][0]
                report["added"] = added
                shifted = click(browser, session, 0, modifiers=8)
                report["after_shift_click"] = shifted
                # Arrow keys move to the second result; '-' subtracts it.
                if len(shifted["ids"]) > 1:
                    key(browser, session, "ArrowRight", 39)
                    key(browser, session, "ArrowRight", 39)
                    key(browser, session, "-", 189)
                    browser.wait_for("Page.loadEventFired")
                    report["subtracted"] = shifted["ids"][1]
                    report["after_keys"] = evaluate(browser, session, STATE)
        # A photo dropped on the page: the next page's query names it, or a message says why not.
        evaluate(browser, session, DROP)
        deadline = time.time() + 60
        dropped = None
        while time.time() < deadline and dropped is None:
            if any(e.get("method") == "Page.loadEventFired" for e in browser.events):
                browser.wait_for("Page.loadEventFired")
                dropped = {"query": evaluate(browser, session, STATE)["query"]}
            else:
                try:
                    message = evaluate(browser, session, MESSAGE)
                except RuntimeError:  # the page is being replaced by the next one
                    message = None
                if message and not message.startswith("Reading "):
                    dropped = {"message": message}
                else:
                    time.sleep(0.1)  # each evaluate reads the events that came meanwhile
        report["drop"] = dropped
        # The box completes words: type the start of one and wait for the list.
        evaluate(browser, session, "(() => { const q = document.getElementById('q'); q.focus(); q.select(); })()")
        browser.call("Input.insertText", {"text": "top 3 bea"}, session=session)
        deadline = time.time() + 5
        offered = None
        while time.time() < deadline and not offered:
            time.sleep(0.1)
            offered = evaluate(browser, session, COMPLETIONS)
        report["completions"] = offered or []
        report["script_errors"] = [e["params"]["exceptionDetails"]["text"] for e in browser.events
                                   if e.get("method") == "Runtime.exceptionThrown"]
    finally:
        browser.close()
    report["seconds"] = round(time.time() - start, 2)
    first, after, shifted = report.get("first"), report.get("after_click"), report.get("after_shift_click")
    ok = (first is not None and first["ids"] and first["decoded"] > 0 and not first["errors"]
          and after is not None and after["query"] == report["clicked"] and after["ids"]
          and report["clicked"] not in after["ids"]
          and shifted is not None and shifted["query"] == report["clicked"] + " + " + report["added"] and shifted["ids"]
          and report.get("after_keys", {}).get("query") == shifted["query"] + " - " + report.get("subtracted", "")
          and report["drop"] is not None
          and report["completions"] and not report["script_errors"])
    report["ok"] = bool(ok)
    print(json.dumps(report))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
