// The patient page: the slide in OpenSeadragon with the attention heat map as a toggleable overlay, MRI slices by slider.
(function () {
  var el = document.getElementById('slide-viewer');
  if (el && window.OpenSeadragon) {
    var viewer = OpenSeadragon({ element: el, prefixUrl: '/static/vendor/openseadragon-5.0.1/images/', tileSources: el.dataset.dzi,
      showNavigator: true, crossOriginPolicy: false });
    window.livercastViewer = viewer;
    // A tile that does not load leaves a dark hole with no reason given; say so over the viewer instead, once.
    el.dataset.tileFailures = '0';
    viewer.addHandler('tile-load-failed', function (e) {
      el.dataset.tileFailures = String(Number(el.dataset.tileFailures) + 1);
      if (!document.getElementById('slide-error')) {
        var note = document.createElement('p');
        note.id = 'slide-error';
        note.className = 'error';
        note.setAttribute('role', 'alert');
        note.textContent = 'Some tiles of this slide could not be loaded (' + (e.message || 'server error') + '); reload the page or tell the data manager.';
        el.parentNode.insertBefore(note, el);
      }
    });
    var heat = null;
    var toggle = document.getElementById('heatmap-toggle');
    if (toggle) toggle.addEventListener('change', function () {
      if (toggle.checked) {
        viewer.addSimpleImage({ url: el.dataset.heatmap, x: 0, y: 0, width: 1, opacity: 0.55,
          success: function (e) { heat = e.item; el.dataset.heatmapShown = 'true'; } });
      } else if (heat) {
        viewer.world.removeItem(heat); heat = null; el.dataset.heatmapShown = 'false';
      }
    });
  }
  var slider = document.getElementById('slice');
  var roi = document.getElementById('roi-toggle');
  var saliency = document.getElementById('saliency-toggle');
  var imgs = document.querySelectorAll('.mri img');
  function draw() {
    imgs.forEach(function (img) {
      var q = [];
      if (roi && roi.checked) q.push('roi=1');
      if (saliency && saliency.checked) q.push('saliency=1');
      img.src = img.dataset.src + '/' + slider.value + '.png' + (q.length ? '?' + q.join('&') : '');
      img.alt = img.alt.replace(/, slice.*$/, '') + ', slice ' + slider.value + '%';
    });
  }
  if (slider) {
    slider.addEventListener('input', draw);
    var toTumour = document.getElementById('to-tumour');
    if (toTumour) toTumour.addEventListener('click', function () { slider.value = slider.dataset.tumour; draw(); });
    if (roi) roi.addEventListener('change', draw);
    if (saliency) saliency.addEventListener('change', draw);
    draw();
  }
  var pred = document.getElementById('lock-prediction');
  var moment = document.getElementById('lock-moment');
  if (pred && moment) {
    var sync = function () { moment.value = pred.options[pred.selectedIndex].dataset.moment; };
    pred.addEventListener('change', sync); sync();
  }
})();
