"""Media edges: MP4 (H.264 + AAC) writing and decoding back to numpy."""

from cinestra.media.decode import DecodedClip, open_media, read_mp4
from cinestra.media.mp4 import write_mp4

__all__ = ["DecodedClip", "open_media", "read_mp4", "write_mp4"]
