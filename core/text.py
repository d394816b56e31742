"""Text as readers see it: names without the invisible characters that
would turn the page around them."""

# Unicode's explicit direction controls: embeddings, overrides, isolates and
# the marks. Typed into a name, U+202E (right-to-left override) reverses
# everything after it, so a commenter's name could make the timestamp beside
# it read backwards. No real name needs them: the browser sets Arabic or
# Hebrew script right to left by itself.
DIRECTION_CONTROLS = {
    "\u061c",  # arabic letter mark
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    *(chr(code) for code in range(0x202A, 0x202F)),  # embeddings, overrides
    *(chr(code) for code in range(0x2066, 0x206A)),  # isolates
}
_REMOVE = dict.fromkeys(map(ord, DIRECTION_CONTROLS))


def without_direction_controls(text: str) -> str:
    return text.translate(_REMOVE)
