'use client';

import { useEffect } from 'react';

/**
 * Tells the page framing the widget how tall it is, whenever that changes (the form grows with
 * errors, shrinks to "check your inbox"), so the loader can size the iframe without a scrollbar.
 */
export function EmbedResizer({ slug }: { slug: string }) {
  useEffect(() => {
    if (window.parent === window) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      // The height is not secret; any embedding origin may read it.
      window.parent.postMessage({ type: 'undersign:resize', slug, height }, '*');
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, [slug]);
  return null;
}
