import pytest


@pytest.mark.parametrize("fixture", ["platform_client", "client_a"])
def test_healthz_answers_on_platform_and_federation_hosts(db, request, fixture):
    response = request.getfixturevalue(fixture).get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
