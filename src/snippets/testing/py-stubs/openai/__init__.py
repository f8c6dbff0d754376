"""A standard-library stand-in for the `openai` package, for axplay's snippet tests (the real one is not installable
here). It makes the HTTP calls the real SDK makes for what the snippets use: POST {base_url}/chat/completions or
/completions with `Authorization: Bearer <key>`, the JSON body being the keyword arguments merged with extra_body;
it refuses keyword arguments the real create() does not take, and returns attribute-access objects. An answer's or
chunk's fields that the real models do not declare (Axionic's `axionic`) stay the raw JSON values, as the SDK's pydantic
models keep extra fields: getattr(chunk, "axionic", None) is a dict, and model_extra lists them."""

import json
import urllib.request

_COMMON = {
    "model", "max_tokens", "temperature", "top_p", "n", "stop", "presence_penalty", "frequency_penalty",
    "logit_bias", "seed", "logprobs", "stream", "stream_options", "user",
}
_CHAT = _COMMON | {"messages", "top_logprobs", "response_format", "tools", "tool_choice"}
_COMPLETIONS = _COMMON | {"prompt", "echo", "suffix", "best_of"}


# Optional fields the real SDK's models default to None when the server leaves them out (e.g. an empty delta).
_OPTIONAL = {"content", "role", "refusal", "tool_calls", "function_call", "text", "logprobs", "finish_reason", "usage"}


class _Obj:
    def __init__(self, d):
        for k, v in d.items():
            setattr(self, k, _wrap(v))

    def __getattr__(self, name):
        if name in _OPTIONAL:
            return None
        raise AttributeError(name)

    def __repr__(self):
        return repr(self.__dict__)


# The fields the real ChatCompletion, ChatCompletionChunk and Completion models declare.
_DECLARED = {"id", "choices", "created", "model", "object", "service_tier", "system_fingerprint", "usage"}


def _answer(d):
    obj = _Obj({k: v for k, v in d.items() if k in _DECLARED})
    extra = {k: v for k, v in d.items() if k not in _DECLARED}
    obj.__dict__.update(extra)
    obj.model_extra = extra
    return obj


def _wrap(v):
    if isinstance(v, dict):
        return _Obj(v)
    if isinstance(v, list):
        return [_wrap(x) for x in v]
    return v


def _stream(resp):
    with resp:
        for raw in resp:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            chunk = json.loads(data)
            if "error" in chunk:
                raise RuntimeError(chunk["error"])
            yield _answer(chunk)


class _Create:
    def __init__(self, client, path, allowed, required):
        self._client, self._path, self._allowed, self._required = client, path, allowed, required

    def create(self, *, extra_body=None, extra_headers=None, **kw):
        for name in kw:
            if name not in self._allowed:
                raise TypeError(f"create() got an unexpected keyword argument '{name}'")
        for name in self._required:
            if name not in kw:
                raise TypeError(f"create() missing 1 required keyword-only argument: '{name}'")
        body = dict(kw)
        body.update(extra_body or {})
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Bearer {self._client.api_key}",
            **self._client.default_headers,
            **(extra_headers or {}),
        }
        req = urllib.request.Request(
            self._client.base_url + self._path, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        resp = urllib.request.urlopen(req, timeout=60)
        if kw.get("stream"):
            return _stream(resp)
        with resp:
            return _answer(json.load(resp))


class _Chat:
    def __init__(self, client):
        self.completions = _Create(client, "/chat/completions", _CHAT, ("messages", "model"))


class OpenAI:
    def __init__(self, *, api_key, base_url, default_headers=None):
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.default_headers = dict(default_headers or {})
        self.chat = _Chat(self)
        self.completions = _Create(self, "/completions", _COMPLETIONS, ("model", "prompt"))
