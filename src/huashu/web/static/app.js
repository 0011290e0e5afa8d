// huashu pages: small hand-written helpers. Every change goes through the JSON API with the
// session's CSRF token; HTML coming back from the server is rendered (and escaped) by Jinja.
// Plain ES modules from /static/js, no bundler: each page group has its own.

import { applyData, initAutosubmit } from "./js/dom.js";
import { initShell } from "./js/shell.js";
import { initBriefForm, initCampaign, initRename } from "./js/chat.js";
import { initReview } from "./js/review.js";
import { initDelivery } from "./js/delivery.js";
import { initEmergency } from "./js/emergency.js";

document.addEventListener("DOMContentLoaded", () => {
  applyData(document);
  initRename();
  initAutosubmit();
  initShell();
  initBriefForm();
  initCampaign();
  initReview();
  initDelivery();
  initEmergency();
});
