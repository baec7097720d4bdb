// Opened from file://, the app's modules cannot load: show how to serve it. A classic script from
// the site (not inline), so the page's Content-Security-Policy (script-src 'self') allows it.
if (location.protocol === 'file:') document.getElementById('file-warning').hidden = false;
