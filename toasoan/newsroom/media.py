"""Checks on the media an article uses."""


def article_images(page):
    """Every image an article shows: the featured image and the image blocks of its body."""
    images = []
    featured = getattr(page, "featured_image", None)
    if featured is not None:
        images.append(featured)
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image") is not None:
            images.append(block.value["image"])
    return images


def images_missing_alt_text(page):
    """The images of `page` without alt text, each once, in order of appearance."""
    seen, missing = set(), []
    for image in article_images(page):
        if image.pk not in seen and not (getattr(image, "alt_text", "") or "").strip():
            missing.append(image)
        seen.add(image.pk)
    return missing
