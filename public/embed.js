/*! Undersign petition embed loader. Turns <div data-undersign-petition="PETITION URL"> into the
 * petition's widget and keeps every widget iframe as tall as its content. No cookies, no tracking. */
(function () {
  'use strict';
  if (window.__undersignEmbed) return;
  window.__undersignEmbed = true;

  function widgetUrl(petitionUrl) {
    var url = new URL(petitionUrl, document.baseURI);
    var match = /^(\/[a-z]{2})?\/p\/([a-z0-9-]+)/.exec(url.pathname);
    if (!match) return null;
    return url.origin + (match[1] || '') + '/p/' + match[2] + '/embed';
  }

  function mount(el) {
    if (el.getAttribute('data-undersign-mounted')) return;
    var src = widgetUrl(el.getAttribute('data-undersign-petition'));
    if (!src) return;
    el.setAttribute('data-undersign-mounted', '1');
    var frame = document.createElement('iframe');
    frame.src = src;
    frame.title = el.getAttribute('data-title') || 'Petition';
    frame.setAttribute('data-undersign-embed', '');
    frame.setAttribute('loading', 'lazy');
    frame.style.cssText = 'width:100%;max-width:560px;height:640px;border:0;display:block';
    el.appendChild(frame);
  }

  function mountAll() {
    var placeholders = document.querySelectorAll('[data-undersign-petition]');
    for (var i = 0; i < placeholders.length; i++) mount(placeholders[i]);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'undersign:resize' || typeof data.height !== 'number') return;
    var frames = document.querySelectorAll('iframe[data-undersign-embed]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      // Only the widget itself may resize its frame: same window, same origin as its src.
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, document.baseURI).origin !== event.origin) continue;
      frame.style.height = Math.max(120, Math.min(4000, Math.round(data.height))) + 'px';
    }
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
