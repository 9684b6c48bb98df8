// Loaded by the long-frames page as a script of its own, with a query
// (`?token=…`), the way a versioned or signed script URL looks: the frames
// its timer blocks are attributed to this file, and the query must not be
// recorded. No imports: the file is the script.
function block(ms: number) {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // busy: the main thread is blocked
  }
}

Object.assign(window, {
  __BUSY__: {
    /** a timer whose callback blocks for `ms`, then changes the page (so the frame renders) */
    timer(ms: number) {
      setTimeout(function busyTimer() {
        block(ms)
        document.body.dataset.busy = String(Number(document.body.dataset.busy ?? 0) + 1)
      })
    },
  },
})
