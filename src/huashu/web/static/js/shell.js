// The page shell: logging out.
import { api } from "./api.js";

export function initShell() {
  document.querySelectorAll("[data-logout]").forEach((b) =>
    b.addEventListener("click", async () => {
      await api("POST", "/api/v1/auth/logout");
      location.href = "/login";
    }));
}
