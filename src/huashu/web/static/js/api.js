// Calls to the JSON API with the session's CSRF token, the page's words for what a script
// writes, toasts, and server-sent events over a POST.

export const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

// The API answers errors in the page's language (the language cookie or ?lang=); an answer
// that is not the API's envelope (a proxy's page) or no answer at all gets the page's words.
export async function api(method, url, body, options = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const message = word("error.network", "连不上服务器，请检查网络后重试");
    if (!options.quiet) toast(message, true);
    throw new Error(message);
  }
  const data = await response.json().catch(() => ({ ok: false, error: {} }));
  if (!response.ok || data.ok === false) {
    const error = data.error || {};
    const message = error.message || word("error.request", "操作没有成功（{status}），请稍后重试").replace("{status}", response.status);
    if (!options.quiet) toast(message, true);
    const err = new Error(message);
    err.code = error.code;
    err.details = error.details || {};
    throw err;
  }
  return data;
}

export async function html(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  return response.text();
}

// a word of the page's dictionary for text a script writes (statuses, buttons): the server
// puts them on <body data-words>; ``fallback`` where the page has none
export function word(key, fallback) {
  try { return JSON.parse(document.body.dataset.words || "{}")[key] || fallback; } catch (e) { return fallback; }
}

export function toast(message, bad) {
  const el = document.getElementById("toast");
  if (!el) return;
  el.textContent = message;
  el.className = bad ? "show bad" : "show";
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.className = ""; }, 4000);
}

// Server-sent events over a POST (the stream may start drafting, so it carries the CSRF
// token, which EventSource cannot send). Calls handlers[name]({ data }) per event; after a
// dropped connection it reconnects (the server replays what is done) until "done" or
// "failed" arrives. A refusal (4xx/5xx) is final and reported as "failed".
export async function postStream(url, handlers, onReconnect) {
  for (;;) {
    let finished = false;
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "text/event-stream", "X-CSRF-Token": csrf() },
      });
      if (!response.ok) {
        const data = await response.json().catch(() => ({}));
        const message = (data.error && data.error.message)
          || word("error.request", "操作没有成功（{status}），请稍后重试").replace("{status}", response.status);
        handlers.failed({ data: JSON.stringify({ message }) });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      while (!finished) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = "message";
          const data = [];
          for (const line of frame.split("\n")) {
            if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (!data.length) continue;  // a keep-alive comment
          if (handlers[name]) handlers[name]({ data: data.join("\n") });
          if (name === "done" || name === "failed") finished = true;
        }
      }
      if (finished) {
        reader.cancel().catch(() => {});
        return;
      }
    } catch (err) {
      // the connection dropped: try again below
    }
    onReconnect();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
