"""The 400 page speaks in the site's own words: no Django internal message (the ALLOWED_HOSTS hint,
the multipart parser's errors) reaches the client, and the page has the site's header."""

from __future__ import annotations

UPLOAD_URL = "/admin/archive/article/upload/"


def assert_in_the_sites_words(response) -> str:
    assert response.status_code == 400
    page = response.content.decode()
    assert "Request refused" in page and 'class="site-header"' in page
    for internal in ("ALLOWED_HOSTS", "HTTP_HOST", "multipart", "boundary", "Content-Type"):
        assert internal not in page, internal
    return page


def test_a_host_the_site_does_not_serve_gets_the_sites_400_page(client, settings):
    assert settings.DEBUG is False
    page = assert_in_the_sites_words(client.get("/", HTTP_HOST="evil.example"))
    assert "evil.example" not in page
    assert "does not answer to that host name" in page


def test_a_malformed_multipart_body_gets_the_sites_400_page(admin_client):
    response = admin_client.generic(
        "POST", UPLOAD_URL, b"--x\r\nnot a part", content_type="multipart/form-data; boundary="
    )
    page = assert_in_the_sites_words(response)
    assert "could not be read" in page


def test_a_file_part_that_is_not_the_base64_it_claims_gets_the_sites_400_page(admin_client):
    body = (
        b"--x\r\n"
        b'Content-Disposition: form-data; name="files"; filename="a.txt"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        b"abcde\r\n"
        b"--x--\r\n"
    )
    response = admin_client.generic("POST", UPLOAD_URL, body, content_type="multipart/form-data; boundary=x")
    page = assert_in_the_sites_words(response)
    assert "base64" not in page
