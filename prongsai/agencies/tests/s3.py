"""An S3-compatible server for the tests: moto in server mode on a free port of the loopback, and a fixture
that switches the default storage to a new bucket on it, with the project's own S3 options (settings.py).

Use in a test module: ``s3_server, s3_storage = s3.s3_server, s3.s3_storage``."""

import uuid
from types import SimpleNamespace

import pytest

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "prongsai-test", "AWS_SECRET_ACCESS_KEY": "prongsai-test-secret"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_server():
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_server, monkeypatch):
    """The default storage is a fresh private bucket; ``.client`` (boto3) looks into it directly."""
    import boto3

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/dev/null")  # no profile of the machine's user gets in the way
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    bucket = f"prongsai-test-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=bucket)
    options = {**settings.S3_STORAGE["OPTIONS"], "bucket_name": bucket, "endpoint_url": s3_server}
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.S3_STORAGE, "OPTIONS": options}}

    def keys() -> list[str]:
        return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))

    def body(key: str) -> bytes:
        return client.get_object(Bucket=bucket, Key=key)["Body"].read()

    yield SimpleNamespace(client=client, bucket=bucket, endpoint=s3_server, keys=keys, body=body)
    for key in keys():
        client.delete_object(Bucket=bucket, Key=key)
    client.delete_bucket(Bucket=bucket)
