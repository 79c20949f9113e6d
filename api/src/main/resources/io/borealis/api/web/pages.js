// Borealis pages' one script. Everything it touches is rendered by the server first, so a page
// without JavaScript shows the same content.
// 1. Each server-rendered UTC <time datetime="..."> is shown in the viewer's local time; its UTC
//    text stays as the hover title.
document.querySelectorAll('time[datetime]').forEach(function (t) {
  var at = new Date(t.getAttribute('datetime'));
  if (!isNaN(at)) {
    t.title = t.textContent;
    t.textContent = at.toLocaleString();
  }
});
// 2. A followed log (<pre data-follow>, reloaded by the page's refresh) is shown at its end.
document.querySelectorAll('pre[data-follow]').forEach(function (pre) {
  pre.scrollTop = pre.scrollHeight;
  window.scrollTo(0, document.body.scrollHeight);
});
