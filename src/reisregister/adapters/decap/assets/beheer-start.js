// Decap CMS waits for beheer.js, which registers the report format and then starts it.
window.CMS_MANUAL_INIT = true;
