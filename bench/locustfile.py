"""The load mix of bench/load_bench.py, as locust users: readers who search (with facets, then a facet
click), open stories and articles, and call the API. Run by load_bench.py (headless, bounded);
the words, outlets and ids come from the environment it sets (PARALLAX_LOAD_*)."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

WORDS = json.loads(os.environ.get("PARALLAX_LOAD_WORDS", '["election"]'))
OUTLETS = json.loads(os.environ.get("PARALLAX_LOAD_OUTLETS", "[]"))
ARTICLES = json.loads(os.environ.get("PARALLAX_LOAD_ARTICLES", "[1]"))
STORIES = json.loads(os.environ.get("PARALLAX_LOAD_STORIES", "[]"))


class Reader(HttpUser):
    wait_time = between(0.5, 2)

    @task(6)
    def search_then_click_a_facet(self) -> None:
        word = random.choice(WORDS)
        self.client.get("/search/", params={"q": word}, name="search")
        if OUTLETS:
            params = {"q": word, "source": random.choice(OUTLETS)}
            self.client.get("/search/", params=params, name="search + facet")

    @task(2)
    def phrase_search(self) -> None:
        a, b = random.sample(WORDS, 2)
        self.client.get("/search/", params={"q": f"{a} OR {b}", "sort": "newest"}, name="search OR, newest")

    @task(3)
    def article(self) -> None:
        self.client.get(f"/articles/{random.choice(ARTICLES)}/", name="article")

    @task(2)
    def story(self) -> None:
        if STORIES:
            self.client.get(f"/stories/{random.choice(STORIES)}/", name="story")

    @task(2)
    def api(self) -> None:
        self.client.get("/api/search/", params={"q": random.choice(WORDS)}, name="api search")

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="home")
