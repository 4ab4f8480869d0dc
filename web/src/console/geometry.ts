/** Fitting an image and its pixel boxes into a card. */

export interface Size {
  width: number;
  height: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Small images are drawn at most this many times their size, so a thumbnail's labels stay legible. */
export const MAX_ENLARGEMENT = 4;

/** The largest size with the image's aspect ratio that fits in max (enlarged at most 4×), and its scale factor. */
export function fitInto(image: Size, max: Size): Size & { scale: number } {
  if (!(image.width > 0 && image.height > 0)) {
    return { width: max.width, height: max.height, scale: 1 };
  }
  const scale = Math.min(MAX_ENLARGEMENT, max.width / image.width, max.height / image.height);
  return { width: image.width * scale, height: image.height * scale, scale };
}

/** A box in image pixels (from the top-left corner) in display pixels. */
export function scaleBox(box: Box, scale: number): Box {
  return { left: box.left * scale, top: box.top * scale, width: box.width * scale, height: box.height * scale };
}
