"""The app hands freed heap back after every response (graph.memory), errors included."""


def test_the_app_releases_memory_after_each_response(app, monkeypatch):
    import web.app
    app.extensions["bvkg"].warming.join()  # the label index's own release is not a response's
    calls = []
    monkeypatch.setattr(web.app, "release", lambda: calls.append(1))
    with app.test_client() as c:
        c.get("/").close()
        c.get("/no/such/page").close()
    assert len(calls) == 2
