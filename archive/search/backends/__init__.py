"""Search engines behind one interface (Wagtail's search/backends): base.py runs the flow once,
whoosh/ and postgres/ supply the engine steps."""
