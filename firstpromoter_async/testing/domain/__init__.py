"""The fake server's domain: record factories and renderers, pure functions on ``FakeState``."""
