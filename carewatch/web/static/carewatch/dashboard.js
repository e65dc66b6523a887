// carewatch dashboard: save a chart as PNG by drawing its inline SVG onto a canvas.
// No inline handlers (the CSP forbids them); the SVG download is a plain link.
(function () {
  "use strict";
  function savePng(name) {
    var box = document.getElementById("chart-" + name);
    var svg = box && box.querySelector("svg");
    if (!svg) { return; }
    var box2 = svg.viewBox.baseVal;
    var width = box2 && box2.width ? box2.width : svg.clientWidth;
    var height = box2 && box2.height ? box2.height : svg.clientHeight;
    var source = new XMLSerializer().serializeToString(svg);
    var img = new Image();
    img.onload = function () {
      var scale = 2;
      var canvas = document.createElement("canvas");
      canvas.width = width * scale;
      canvas.height = height * scale;
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      var link = document.createElement("a");
      link.download = "carewatch-" + name + ".png";
      link.href = canvas.toDataURL("image/png");
      document.body.appendChild(link);
      link.click();
      link.remove();
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
  }
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-png]") : null;
    if (button) {
      event.preventDefault();
      savePng(button.getAttribute("data-png"));
    }
  });
}());
