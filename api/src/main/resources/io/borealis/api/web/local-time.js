// Borealis pages: each server-rendered UTC <time datetime="..."> is shown in the viewer's local
// time; its UTC text stays as the hover title. Without JavaScript the UTC text remains.
document.querySelectorAll('time[datetime]').forEach(function (t) {
  var at = new Date(t.getAttribute('datetime'));
  if (!isNaN(at)) {
    t.title = t.textContent;
    t.textContent = at.toLocaleString();
  }
});
