/// The page's style sheet and script, served as `/assets/page.css` and
/// `/assets/page.js`. The page works without the script: every result is a plain
/// link. The script only adds comfort: shift-click adds a result to the query and
/// alt-click subtracts it, arrow keys move between results (`/` goes to the box,
/// `+` and `-` act on the focused result), the box completes words and ids, and a
/// photo dropped on the page (or picked with "Photo…") becomes part of the query.
enum PageAssets {
    static let style = """
        :root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6e6e73;--bg:#fff;--panel:#f3f4f6;--line:#d5d7dc;--accent:#0a63d1;--err:#b3261e;\
        font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45}
        @media (prefers-color-scheme:dark){:root{--fg:#ececef;--muted:#a0a0a8;--bg:#151517;--panel:#222226;--line:#3a3a40;--accent:#6aa8ff;--err:#ff7a70}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg)}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        code,#q,#completions{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .bar{position:sticky;top:0;z-index:2;display:flex;gap:.9rem;align-items:center;padding:.6rem 1rem;background:var(--panel);border-bottom:1px solid var(--line)}
        .home{font-weight:700;font-size:1.15rem;color:var(--fg);letter-spacing:.01em}
        .query{flex:1;display:flex;gap:.5rem;align-items:flex-start;min-width:0;margin:0}
        .box{position:relative;flex:1;min-width:0}
        #q{display:block;width:100%;font-size:1rem;padding:.45rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);resize:vertical}
        #q:focus{outline:2px solid var(--accent);outline-offset:-1px}
        button,.photo,.button{font:inherit;font-size:.9rem;padding:.42rem .85rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer;white-space:nowrap}
        button[type=submit]{background:var(--accent);border-color:var(--accent);color:#fff}
        .button:hover{text-decoration:none;border-color:var(--accent)}
        #completions{position:absolute;left:0;right:0;top:100%;margin:2px 0 0;padding:.2rem 0;list-style:none;background:var(--bg);border:1px solid var(--line);border-radius:6px;box-shadow:0 6px 18px #0003;max-height:18rem;overflow:auto;z-index:3}
        #completions li{padding:.2rem .6rem;cursor:pointer}
        #completions li[aria-selected=true]{background:var(--accent);color:#fff}
        .message{max-width:80rem;margin:.6rem auto 0;padding:.5rem .8rem;border-left:3px solid var(--err);background:var(--panel)}
        main{max-width:80rem;margin:0 auto;padding:.4rem 1rem 2rem}
        .entry{padding:.3rem 0}.entry+.entry{border-top:1px solid var(--line)}
        .formula{margin:.55rem 0;color:var(--muted)}.formula code,.number code{color:var(--fg)}
        pre{background:var(--panel);padding:.5rem .7rem;border-radius:6px;overflow-x:auto;margin:.5rem 0}
        pre.error{border-left:3px solid var(--err);white-space:pre-wrap}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.8rem;list-style:none;padding:0;margin:.5rem 0}
        .hit{position:relative;min-width:0;border-radius:8px;background:var(--panel);padding:.4rem}
        .hit .use{display:block;border-radius:6px;background:#fff}
        .hit img{display:block;width:100%;aspect-ratio:1;object-fit:contain;border-radius:6px;font-size:.75rem;color:#555}
        .hit .use:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        .info{display:flex;align-items:baseline;gap:.45rem;font-size:.8rem;margin-top:.35rem;white-space:nowrap}
        .rank{color:var(--muted)}.rank::before{content:"#"}
        .score{margin-left:auto;color:var(--muted);font-variant-numeric:tabular-nums}
        .ops{display:inline-flex;gap:.3rem}
        .hit .ops{position:absolute;top:.7rem;right:.7rem;opacity:.8}.hit:hover .ops,.hit:focus-within .ops{opacity:1}
        .ops a{display:inline-block;width:1.6rem;height:1.6rem;line-height:1.45rem;text-align:center;border:1px solid var(--line);border-radius:50%;font-weight:700;color:var(--fg);background:var(--bg);box-shadow:0 1px 3px #0002}
        .ops a:hover{background:var(--accent);border-color:var(--accent);color:#fff;text-decoration:none}
        .title{font-size:.78rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;color:var(--muted)}
        table.words{border-collapse:collapse;margin:.4rem 0}
        table.words th,table.words td{padding:.18rem .9rem .18rem 0;text-align:left}
        table.words th{color:var(--muted);font-weight:500;font-size:.85rem}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
                .downloads{color:var(--muted);font-size:.85rem;margin-top:1.5rem}
        .intro{max-width:46rem}
        .examples{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
        .examples a{display:block;padding:.3rem .7rem;border:1px solid var(--line);border-radius:999px}
        .detail{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;align-items:start;margin-top:.8rem}
        .detail figure{margin:0;background:#fff;border-radius:8px;padding:.6rem}
        .detail figure img{display:block;max-width:100%;max-height:80vh;margin:0 auto;object-fit:contain}
        .detail h1{margin:.1rem 0 .6rem;font-size:1.4rem}.detail h2{font-size:1.05rem;margin:1.2rem 0 .2rem}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem;margin:0 0 1rem}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
        .show{display:flex;gap:1rem;align-items:flex-start}.show .grid{width:12rem;grid-template-columns:1fr}
        .uploads{color:var(--muted)}.uploads img{height:3.5rem;vertical-align:middle;border-radius:4px;background:#fff}
        footer{color:var(--muted);font-size:.78rem;text-align:center;padding:1rem;overflow-wrap:anywhere}
        body.dropping::after{content:"Drop the photo to search with it";position:fixed;inset:.6rem;display:flex;align-items:center;justify-content:center;\
        border:3px dashed var(--accent);border-radius:12px;background:#0a63d122;font-size:1.4rem;z-index:5;pointer-events:none}
        @media (max-width:40rem){.bar{flex-wrap:wrap;gap:.5rem}.query{flex-basis:100%}.grid{grid-template-columns:repeat(auto-fill,minmax(104px,1fr));gap:.5rem}\
        .title{display:none}.info{flex-wrap:wrap;row-gap:0;font-size:.75rem}.detail{grid-template-columns:1fr}main{padding:.3rem .6rem 1.5rem}}
        """

    static let script = """
        (() => {
          'use strict';
          const box = document.getElementById('q');
          const list = document.getElementById('completions');
          const message = document.getElementById('message');
          const picker = document.getElementById('photo');
          if (!box) return;
          const say = text => { message.textContent = text; message.hidden = !text; };

          // Shift-click adds a result to the query, alt-click subtracts it.
          document.addEventListener('click', event => {
            const use = event.target.closest('a.use');
            if (!use || !(event.shiftKey || event.altKey) || event.ctrlKey || event.metaKey) return;
            const holder = use.closest('.hit, tr');
            const operation = holder && holder.querySelector(event.altKey ? 'a.subtract' : 'a.add');
            if (!operation) return;
            event.preventDefault();
            location.href = operation.href;
          });

          // Arrow keys move between results; '/' goes to the box; '+' and '-' act on the focused result.
          const results = () => [...document.querySelectorAll('.hit a.use')];
          const columns = all => {
            const top = all[0].getBoundingClientRect().top;
            const row = all.findIndex(a => a.getBoundingClientRect().top > top + 4);
            return row < 0 ? all.length : row;
          };
          document.addEventListener('keydown', event => {
            if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
            if (event.key === '/') { event.preventDefault(); box.focus(); box.select(); return; }
            const all = results();
            if (!all.length) return;
            const at = all.indexOf(document.activeElement);
            if ((event.key === '+' || event.key === '=' || event.key === '-') && at >= 0) {
              const operation = all[at].closest('.hit').querySelector(event.key === '-' ? 'a.subtract' : 'a.add');
              if (operation) location.href = operation.href;
              return;
            }
            const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns(all), ArrowUp: -columns(all) }[event.key];
            if (step === undefined) return;
            const next = at < 0 ? 0 : at + step;
            if (next < 0 || next >= all.length) return;
            event.preventDefault();
            all[next].focus();
            all[next].scrollIntoView({ block: 'nearest' });
          });

          // Completion of words, ids, variables and functions, from /api/complete.
          let candidates = [], selected = -1, typed = '', timer = 0, asked = 0;
          const close = () => { list.hidden = true; candidates = []; selected = -1; };
          const mark = () => [...list.children].forEach((item, i) => item.setAttribute('aria-selected', String(i === selected)));
          const accept = i => {
            const end = box.selectionStart;
            box.setRangeText(candidates[i], end - typed.length, end, 'end');
            close();
            box.focus();
          };
          const offer = found => {
            candidates = found;
            selected = -1;
            list.replaceChildren(...found.map((text, i) => {
              const item = document.createElement('li');
              item.textContent = text;
              item.setAttribute('role', 'option');
              item.addEventListener('mousedown', event => { event.preventDefault(); accept(i); });
              return item;
            }));
            list.hidden = found.length === 0;
          };
          box.addEventListener('input', () => {
            clearTimeout(timer);
            timer = setTimeout(async () => {
              const before = box.value.slice(0, box.selectionStart);
              if (!/[\\p{L}\\p{N}_]$/u.test(before)) { close(); return; }
              const ticket = ++asked;
              try {
                const response = await fetch('/api/complete?q=' + encodeURIComponent(before));
                if (!response.ok || ticket !== asked) return;
                const answer = await response.json();
                typed = answer.typed;
                offer(answer.candidates.filter(text => text !== typed));
              } catch (_) { close(); }
            }, 120);
          });
          box.addEventListener('keydown', event => {
            if (list.hidden) {
              if (event.key === 'Enter' && box.tagName === 'TEXTAREA' && !event.shiftKey) { event.preventDefault(); box.form.requestSubmit(); }
              return;
            }
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const n = candidates.length;
              selected = (selected + (event.key === 'ArrowDown' ? 1 : n - 1) + (selected < 0 && event.key === 'ArrowUp' ? 1 : 0)) % n;
              mark();
            } else if (event.key === 'Tab' || (event.key === 'Enter' && selected >= 0)) {
              event.preventDefault();
              accept(Math.max(selected, 0));
            } else if (event.key === 'Escape') {
              close();
            }
          });
          box.addEventListener('blur', () => setTimeout(close, 150));

          // A photo dropped on the page, or picked, becomes (part of) the query.
          const upload = async file => {
            if (!file) return;
            say('Reading ' + file.name + '…');
            try {
              const response = await fetch('/upload?q=' + encodeURIComponent(box.value),
                { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
              const text = await response.text();
              if (!response.ok) { say(text.trim()); return; }
              location.href = JSON.parse(text).location;
            } catch (error) { say('The photo could not be sent: ' + error); }
          };
          const carriesFiles = event => event.dataTransfer && [...event.dataTransfer.types].includes('Files');
          let depth = 0;
          addEventListener('dragenter', event => { if (carriesFiles(event)) { depth++; document.body.classList.add('dropping'); } });
          addEventListener('dragleave', event => { if (carriesFiles(event) && --depth <= 0) { depth = 0; document.body.classList.remove('dropping'); } });
          addEventListener('dragover', event => { if (carriesFiles(event)) event.preventDefault(); });
          addEventListener('drop', event => {
            if (!carriesFiles(event)) return;
            event.preventDefault();
            depth = 0;
            document.body.classList.remove('dropping');
            upload(event.dataTransfer.files[0]);
          });
          picker.closest('label').hidden = false;
          picker.addEventListener('change', () => upload(picker.files[0]));
        })();

        """
}
