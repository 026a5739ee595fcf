package io.gantry.agent.runtime.docker;

/**
 * An image reference split the way the Engine's pull call wants it: repository, and a tag or
 * digest ({@code latest} when the reference names neither). A colon in the registry part
 * ({@code host:5000/app}) is not a tag.
 */
record ImageReference(String repository, String tag) {

  static ImageReference parse(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return new ImageReference(image.substring(0, at), image.substring(at + 1));
    }
    int colon = image.lastIndexOf(':');
    int slash = image.lastIndexOf('/');
    if (colon > slash) {
      return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
    }
    return new ImageReference(image, "latest");
  }
}
