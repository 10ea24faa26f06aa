#!/usr/bin/env python3
"""Opens an HTML page in headless Chromium and checks that every image decoded.

Usage: check_notebook.py PAGE.html [SCREENSHOT.png]

Talks to Chromium over --remote-debugging-pipe (file descriptors 3 and 4, messages
ended by a NUL byte), so it needs nothing beyond Python's standard library. Prints
one JSON object: each image's natural size, script errors, and the time taken.
Exits 0 when the page has images and all of them decoded, 1 otherwise.
"""
import base64
import json, os, subprocess, sys, time

SCRIPT = """(async () => {
    if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r, {once: true}));
    const images = [...document.images];
    await Promise.all(images.map(i => i.decode().catch(() => null)));
    return images.map(i => ({alt: i.alt, width: i.naturalWidth, height: i.naturalHeight}));
})()"""


class Browser:
    def __init__(self):
        to_browser_r, self._to_browser_w = os.pipe()
        self._from_browser_r, from_browser_w = os.pipe()

        def give_pipes():
            # Through fresh descriptors, so dup2 never leaves close-on-exec set on 3 and 4.
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--window-size=1000,1400", "about:blank"],
            preexec_fn=give_pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._writer = os.fdopen(self._to_browser_w, "wb", buffering=0)
        self._reader = os.fdopen(self._from_browser_r, "rb", buffering=0)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = self._reader.read(1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._writer.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for e in self.events:
                if e.get("method") == event:
                    self.events.remove(e)
                    return e
            self.events.append(self._read())
        raise TimeoutError(event)

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main(page, screenshot=None):
    start = time.time()
    browser = Browser()
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Runtime.enable", session=session)
        browser.call("Page.navigate", {"url": "file://" + os.path.abspath(page)}, session=session)
        browser.wait_for("Page.loadEventFired")
        result = browser.call("Runtime.evaluate", {"expression": SCRIPT, "awaitPromise": True, "returnByValue": True},
                              session=session)
        images = result["result"]["value"]
        errors = [e["params"]["exceptionDetails"]["text"] for e in browser.events
                  if e.get("method") == "Runtime.exceptionThrown"]
        if screenshot:
            data = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False},
                                session=session)["data"]
            os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(data))
    finally:
        browser.close()
    decoded = [i for i in images if i["width"] > 0 and i["height"] > 0]
    print(json.dumps({"images": len(images), "decoded": len(decoded), "script_errors": errors,
                      "seconds": round(time.time() - start, 2)}))
    return 0 if images and len(decoded) == len(images) and not errors else 1


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
