"""A standard-library stand-in for `mechanex` 1.0.x, for axplay's snippet tests (the real one is not installable
here). Same HTTP as the real SDK's simple path: the base URL is read from MECHANEX_BASE_URL at import time (a
module-level singleton); every call sends only `x-api-key`; set_model checks GET /models then POSTs
/auth/api-keys/set-model; generation.generate POSTs exactly {prompt, sampling_method, max_tokens, top_k, top_p,
steering_vector_id, steering_strength} to /generate (temperature is not sent), reads the SSE status frames and
returns result["output"] (a str). Arguments that would switch the real SDK to /policies/run raise here."""

import json
import os
import urllib.request

_ADVANCED = {
    "min_p", "typical_p", "ads_subset_size", "ads_beta", "regex_pattern", "grammar", "json_schema", "draft_model",
    "ensemble_models", "steering_preset", "confidence_triggered_regeneration", "code_unit_tests", "policy",
    "policy_id",
}
_OTHER = {"best_of_n", "confidence_threshold", "include_trace", "adaptive_temperature", "adaptive_top_p"}
_ADVANCED_METHODS = {
    "ads", "constrained-beam-search", "speculative-decoding", "ssd", "guided-generation", "ensemble-sampling",
}


class MechanexError(Exception):
    pass


def _parse_sse(raw):
    events, data = [], []

    def flush():
        if data:
            try:
                v = json.loads("\n".join(data))
                if isinstance(v, dict):
                    events.append(v)
            except ValueError:
                pass
            data.clear()

    for line in raw.splitlines():
        if line == "":
            flush()
        elif line.startswith(":") or line.startswith("event:"):
            continue
        elif line.startswith("data:"):
            value = line[5:]
            data.append(value[1:] if value.startswith(" ") else value)
    flush()
    for e in events:
        if e.get("status") == "error":
            raise MechanexError(e.get("message"))
    for e in events:
        if e.get("status") == "complete":
            return e.get("result") or e
    if events:
        return events[-1]
    return json.loads(raw)


class _Client:
    def __init__(self):
        self.base_url = os.environ.get("MECHANEX_BASE_URL", "https://api.axioniclabs.ai").rstrip("/")
        self.api_key = None
        self.generation = _Generation(self)

    def _request(self, method, path, body=None):
        headers = {"x-api-key": self.api_key} if self.api_key else {}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.read().decode("utf-8")

    def set_key(self, key, persist=False):
        self.api_key = key

    def set_model(self, name):
        models = json.loads(self._request("GET", "/models"))
        if name not in [m["name"] for m in models]:
            raise MechanexError(f"Unknown model {name!r}")
        return json.loads(self._request("POST", "/auth/api-keys/set-model", {"model_name": name}))


class _Generation:
    def __init__(self, client):
        self._client = client

    def generate(self, prompt, max_tokens=128, sampling_method="top-k", top_k=50, top_p=0.9, steering_strength=0,
                 steering_vector=None, temperature=0.7, **kw):
        for name, value in kw.items():
            if name not in _ADVANCED and name not in _OTHER:
                raise TypeError(f"generate() got an unexpected keyword argument '{name}'")
            if name in _ADVANCED and value is not None:
                raise NotImplementedError(f"stand-in: {name} switches mechanex to POST /policies/run")
        if sampling_method in _ADVANCED_METHODS or (kw.get("best_of_n") or 1) > 1:
            raise NotImplementedError("stand-in: this switches mechanex to POST /policies/run")
        body = {
            "prompt": prompt,
            "sampling_method": sampling_method,
            "max_tokens": max_tokens,
            "top_k": top_k,
            "top_p": top_p,
            "steering_vector_id": steering_vector,
            "steering_strength": steering_strength,
        }
        result = _parse_sse(self._client._request("POST", "/generate", body))
        return result["output"]


_client = _Client()
set_key = _client.set_key
set_model = _client.set_model
generation = _client.generation
