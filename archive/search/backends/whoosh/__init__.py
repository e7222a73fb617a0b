"""The Whoosh engine (whoosh-reloaded 2.7.5): the only package that imports whoosh."""
