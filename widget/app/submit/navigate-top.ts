/** Sends the whole page (not just a frame the widget may sit in) to the success page. */
export function navigateTop(url: string): void {
  try {
    window.top!.location.href = url;
  } catch {
    // A sandboxed or cross-origin frame may not steer the top page.
    window.location.href = url;
  }
}
