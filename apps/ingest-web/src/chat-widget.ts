/**
 * The chat widget's frame (public/widget-frame.html), which public/widget.js puts on other
 * sites: the one page of ours that a page of another origin may embed (docs/chat-widget.md).
 */
export const WIDGET_FRAME_PATH = '/widget-frame.html';
