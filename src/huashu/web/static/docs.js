// The /docs page (setting api_docs): Swagger UI from the fastapi-offline package, started
// here rather than in an inline script so the page keeps a script-src 'self' policy.
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({ url: root.dataset.spec, dom_id: "#swagger-ui" });
});
