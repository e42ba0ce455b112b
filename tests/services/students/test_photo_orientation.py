"""Photos from a phone or camera come upright: the EXIF orientation tag (how the camera was
held) is applied before the 26:32 crop, so a portrait taken sideways is not stored lying down;
a damaged tag leaves the picture as stored instead of refusing it."""

from __future__ import annotations

import io

from PIL import Image

from desktop.services.students.photos import SIZE, normalise_photo

RED, BLUE = (220, 20, 20), (20, 20, 220)
ORIENTATION = 0x0112


def portrait() -> Image.Image:
    """300×400, red above, blue below: as the registrar saw it on the phone."""
    image = Image.new("RGB", (300, 400), BLUE)
    image.paste(RED, (0, 0, 300, 200))
    return image


def jpeg(image: Image.Image, orientation: int | None) -> bytes:
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def colour(data: bytes, y: int) -> tuple[int, int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == SIZE
        return image.convert("RGB").getpixel((SIZE[0] // 2, y))  # type: ignore[return-value]


def near(got: tuple[int, int, int], want: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(got, want, strict=True))


def test_a_portrait_stored_sideways_with_its_tag_comes_out_upright() -> None:
    sideways = portrait().rotate(90, expand=True)  # the pixels as the sensor wrote them
    data = normalise_photo(jpeg(sideways, orientation=6))  # 6: turn 90° clockwise to show
    assert near(colour(data, 20), RED) and near(colour(data, SIZE[1] - 20), BLUE)


def test_a_picture_without_a_tag_is_taken_as_stored() -> None:
    data = normalise_photo(jpeg(portrait(), orientation=None))
    assert near(colour(data, 20), RED) and near(colour(data, SIZE[1] - 20), BLUE)


def test_a_nonsense_tag_leaves_the_picture_as_stored() -> None:
    data = normalise_photo(jpeg(portrait(), orientation=77))
    assert near(colour(data, 20), RED) and near(colour(data, SIZE[1] - 20), BLUE)
