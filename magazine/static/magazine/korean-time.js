/*
 * One note about Korean time instead of one per field.
 *
 * Django's date and time widgets add "Note: You are 9 hours behind server
 * time" under every field when the browser's clock is not on KST. The
 * magazine's times are all KST, which the form says once; the widgets read
 * the server's offset from the page's body, so without it they say nothing.
 * Runs before the widgets do (they wait for the page to load).
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.body.removeAttribute("data-admin-utc-offset");
});
