"""A standard-library stand-in for `mechanex` 1.0.x, for axplay's snippet tests (the real one is not installable
here). Same HTTP as the real SDK's simple path: the base URL is read from MECHANEX_BASE_URL at import time (a
module-level singleton); every call sends only `x-api-key`; set_model checks GET /models then POSTs
/auth/api-keys/set-model; generation.generate POSTs exactly {prompt, sampling_method, max_tokens, top_k, top_p,
steering_vector_id, steering_strength} to /generate (temperature is not sent), reads the SSE status frames and
returns result["output"] (a str). Any "advanced" argument (a constraint, min_p/typical_p, an advanced method,
best_of_n > 1, confidence-triggered regeneration, policy, policy_id) switches to the policy path as 1.0.2 does: an
inline RuntimePolicy is built and POSTed as {prompt, policy_id, policy, max_new_tokens, include_trace: false} to
/policies/run, and `output` is returned. `policy` holds save/list/get/run over the /policies routes.

`steering` follows mechanex 1.0.x's SteeringModule (remote path; vectors are plain lists where the SDK has torch
tensors): generate_vectors POSTs exactly {prompts, positive_answers, negative_answers, layer_idxs, method (default
"few-shot"), name, label} to /steering/generate, reads the SSE frames and returns result["steering_vector_id"];
save_vectors(id, path) GETs /steering/vectors/{id}/download (the id put in the path as it is) and writes
{str(layer): floats}; load_vectors reads such a file (keys int when possible); get_vectors only knows vectors of the
local session, as in the SDK (it raises for a remote id); generate_from_jsonl reads prompt/positive_answer/
negative_answer lines.

`sae` follows mechanex 1.0.x's SAEModule, remote path only (the stand-in has no local model, so where the SDK falls
back to local sae-lens it fails as the SDK does without one): create_behavior POSTs exactly {behavior_name, prompts,
positive_answers, negative_answers, description} to /behaviors/create, plus steering_vector_id only when one is given,
and returns the JSON answer; create_behavior_from_jsonl reads prompt/positive_answer/negative_answer lines;
list_behaviors GETs /behaviors and returns `remote + local` — the contract answers {"behaviors": [...]}, a dict, so
this raises TypeError exactly as the SDK does (a recorded incompatibility, deliberately not fixed here); generate
POSTs exactly {prompt, max_new_tokens, behavior_names, force_steering} (nulls included) to /sae/generate, reads the
SSE frames and returns result["text"] (a str); on an error it falls back to local generation, which without a local
model raises MechanexError("No local model loaded. …"), as the SDK does."""

import json
import os
import urllib.error
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
        self.policy = _Policy(self)
        self.steering = _Steering(self)
        self.sae = _Sae(self)
        self._local_vectors = {}

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
        for name in kw:
            if name not in _ADVANCED and name not in _OTHER:
                raise TypeError(f"generate() got an unexpected keyword argument '{name}'")
            if name in ("steering_preset", "code_unit_tests", "draft_model", "ensemble_models") and kw[name]:
                raise NotImplementedError(f"stand-in: {name} is not covered")
        advanced = any(kw.get(name) is not None for name in _ADVANCED) or sampling_method in _ADVANCED_METHODS
        advanced = advanced or (kw.get("best_of_n") or 1) > 1 or bool(kw.get("confidence_triggered_regeneration"))
        if advanced:
            return self._policy_run(prompt, max_tokens, sampling_method, top_k, top_p, temperature, kw,
                                    steering_vector, steering_strength)
        body = {
            "prompt": prompt,
            "sampling_method": sampling_method,
            "max_tokens": max_tokens,
            "top_k": top_k,
            "top_p": top_p,
            "steering_vector_id": steering_vector if isinstance(steering_vector, str) else None,
            "steering_strength": steering_strength,
        }
        result = _parse_sse(self._client._request("POST", "/generate", body))
        return result["output"]

    def _policy_run(self, prompt, max_tokens, sampling_method, top_k, top_p, temperature, kw, steering_vector=None,
                    steering_strength=0):
        policy_id = kw.get("policy_id")
        policy = kw.get("policy")
        if policy is None and policy_id is None:
            sampling = {"method": sampling_method, "temperature": temperature, "top_k": top_k, "top_p": top_p}
            for name in ("min_p", "typical_p", "ads_subset_size", "ads_beta"):
                if kw.get(name) is not None:
                    sampling[name] = kw[name]
            if kw.get("json_schema") is not None:
                constraints = {"json_mode": True, "json_schema": kw["json_schema"]}
                enabled = ["syntax", "json_schema"]
            elif kw.get("regex_pattern") is not None:
                constraints, enabled = {"regex_pattern": kw["regex_pattern"]}, ["regex"]
            elif kw.get("grammar") is not None:
                constraints, enabled = {"grammar": kw["grammar"]}, []
            else:
                constraints, enabled = {}, []
            steering = {"enabled": False, "strength": steering_strength}
            if isinstance(steering_vector, str):
                steering["enabled"] = True
                steering["vector_id"] = steering_vector
            elif isinstance(steering_vector, dict):
                steering["enabled"] = True
                steering["vector"] = steering_vector
            elif steering_strength != 0:
                steering["enabled"] = True
            policy = {
                "task_profile": {"name": "custom runtime generation"},
                "objective": {"name": "quality"},
                "sampling": sampling,
                "steering": steering,
                "constraints": constraints,
                "verifiers": {"enabled": enabled, "repair_on_failure": True},
                "optimization": {
                    "best_of_n": kw.get("best_of_n") or 1,
                    "confidence_triggered_regeneration": bool(kw.get("confidence_triggered_regeneration")),
                    "confidence_threshold": kw.get("confidence_threshold") or 0.5,
                },
            }
        body = {
            "prompt": prompt,
            "policy_id": policy_id,
            "policy": None if policy_id is not None else policy,
            "max_new_tokens": max_tokens,
            "include_trace": bool(kw.get("include_trace")),
        }
        return json.loads(self._client._request("POST", "/policies/run", body))["output"]


class _Policy:
    def __init__(self, client):
        self._client = client

    def save(self, policy):
        return json.loads(self._client._request("POST", "/policies/save", {"policy": policy}))["policy_id"]

    def list(self):
        return json.loads(self._client._request("GET", "/policies"))

    def get(self, policy_id):
        return json.loads(self._client._request("GET", f"/policies/{policy_id}"))

    def run(self, prompt, policy=None, policy_id=None, model="default", max_new_tokens=128, include_trace=True):
        if policy is None and policy_id is None:
            raise MechanexError("Provide either `policy` or `policy_id`.")
        body = {"prompt": prompt, "policy_id": policy_id, "policy": policy, "model": model,
                "max_new_tokens": max_new_tokens, "include_trace": include_trace}
        return self._post("/policies/run", body)

    def compare(self, prompt, policies, max_new_tokens=128):
        return self._post("/policies/compare", {"prompt": prompt, "policies": policies, "max_new_tokens": max_new_tokens})

    def evaluate(self, prompts, policy=None, policy_id=None, max_new_tokens=128):
        if policy is None and policy_id is None:
            raise MechanexError("Provide either `policy` or `policy_id`.")
        body = {"prompts": prompts, "policy_id": policy_id, "policy": policy, "max_new_tokens": max_new_tokens}
        return self._post("/policies/evaluate", body)

    def publish_preset(self, name, policy, visibility="private", tags=None, description=None):
        body = {"name": name, "policy": policy, "visibility": visibility, "tags": tags or [],
                "description": description}
        return self._post("/policies/presets/publish", body)["preset_id"]

    def list_presets(self, include_public=True):
        suffix = "true" if include_public else "false"
        return json.loads(self._client._request("GET", f"/policies/presets?include_public={suffix}"))

    def clone_preset(self, preset_id):
        return self._post(f"/policies/presets/{preset_id}/clone", {})["policy_id"]

    def auto_tune(self, prompts, base_policy=None, base_policy_id=None, search_space=None, max_trials=24,
                  max_new_tokens=128):
        body = {"prompts": prompts, "base_policy_id": base_policy_id, "base_policy": base_policy,
                "search_space": search_space or {}, "max_trials": max_trials, "max_new_tokens": max_new_tokens}
        return self._post("/policies/autotune", body)

    def _post(self, path, body):
        return json.loads(self._client._request("POST", path, body))


class _Steering:
    def __init__(self, client):
        self._client = client

    def generate_vectors(self, prompts, positive_answers, negative_answers, layer_idxs=None, method="few-shot",
                         name=None, label=None):
        body = {
            "prompts": prompts,
            "positive_answers": positive_answers,
            "negative_answers": negative_answers,
            "layer_idxs": layer_idxs,
            "method": method,
            "name": name,
            "label": label,
        }
        resp = _parse_sse(self._client._request("POST", "/steering/generate", body))
        if "steering_vector_id" not in resp or resp["steering_vector_id"] is None:
            raise MechanexError(f"Steering vector ID not found in response: {resp}")
        return resp["steering_vector_id"]

    def get_vectors(self, vector_id):
        vectors = self._client._local_vectors.get(vector_id)
        if vectors is None:
            raise MechanexError(f"Steering vector ID '{vector_id}' not found in local session.")
        return vectors

    def save_vectors(self, vectors_or_id, path):
        if isinstance(vectors_or_id, str):
            local = self._client._local_vectors.get(vectors_or_id)
            if local is not None:
                vectors = local
            else:
                try:
                    resp = json.loads(self._client._request("GET", f"/steering/vectors/{vectors_or_id}/download"))
                    vectors = {}
                    for k, v in resp.items():
                        try:
                            key = int(k)
                        except (ValueError, TypeError):
                            key = k
                        vectors[key] = v
                except Exception as e:
                    raise MechanexError(
                        f"Steering vector '{vectors_or_id}' not found in local session "
                        f"and could not be downloaded from remote: {e}"
                    )
        else:
            vectors = vectors_or_id
        serializable = {str(layer): list(vec) for layer, vec in vectors.items()}
        with open(path, "w") as f:
            json.dump(serializable, f)
        print(f"Steering vectors saved to {path}")

    def load_vectors(self, path):
        with open(path, "r") as f:
            data = json.load(f)

        def _parse_key(k):
            try:
                return int(k)
            except ValueError:
                return k

        vectors = {_parse_key(layer): vec for layer, vec in data.items()}
        print(f"Steering vectors loaded from {path}")
        return vectors

    def generate_from_jsonl(self, dataset_path, layer_idxs=None, method="few-shot"):
        positive, negative, prompts = [], [], []
        with open(dataset_path, "r") as f:
            for line in f:
                data = json.loads(line)
                if "prompt" in data:
                    prompts.append(data["prompt"])
                if "positive_answer" in data:
                    positive.append(data["positive_answer"])
                if "negative_answer" in data:
                    negative.append(data["negative_answer"])
        return self.generate_vectors(prompts, positive, negative, layer_idxs, method)


class _Sae:
    def __init__(self, client):
        self._client = client

    def create_behavior(self, behavior_name, prompts, positive_answers, negative_answers, description="",
                        steering_vector_id=None):
        if not self._client.api_key:
            raise MechanexError("Authentication missing, falling back to local SAE behavior creation")
        payload = {
            "behavior_name": behavior_name,
            "prompts": prompts,
            "positive_answers": positive_answers,
            "negative_answers": negative_answers,
            "description": description,
        }
        if steering_vector_id:
            payload["steering_vector_id"] = steering_vector_id
        return json.loads(self._client._request("POST", "/behaviors/create", payload))

    def create_behavior_from_jsonl(self, behavior_name, dataset_path, description="", steering_vector_id=None):
        prompts, positive_answers, negative_answers = [], [], []
        with open(dataset_path, "r") as f:
            for line in f:
                data = json.loads(line)
                if "prompt" in data:
                    prompts.append(data["prompt"])
                if "positive_answer" in data:
                    positive_answers.append(data["positive_answer"])
                if "negative_answer" in data:
                    negative_answers.append(data["negative_answer"])
        return self.create_behavior(behavior_name=behavior_name, prompts=prompts, positive_answers=positive_answers,
                                    negative_answers=negative_answers, description=description,
                                    steering_vector_id=steering_vector_id)

    def list_behaviors(self):
        remote_behaviors = []
        try:
            if self._client.api_key:
                remote_behaviors = json.loads(self._client._request("GET", "/behaviors"))
        except Exception:
            pass
        local_behaviors = list(getattr(self._client, "_local_behaviors", {}).values())
        # the SDK's own line: against the contract's {"behaviors": [...]} this is dict + list, a TypeError
        return remote_behaviors + local_behaviors

    def generate(self, prompt, max_new_tokens=50, behavior_names=None, force_steering=None):
        try:
            if not self._client.api_key:
                raise MechanexError("Authentication missing, falling back to local SAE generation")
            payload = {
                "prompt": prompt,
                "max_new_tokens": max_new_tokens,
                "behavior_names": behavior_names,
                "force_steering": force_steering,
            }
            response = _parse_sse(self._client._request("POST", "/sae/generate", payload))
            return response.get("text", "")
        except (MechanexError, urllib.error.URLError):
            return self._generate_local(prompt, max_new_tokens, behavior_names, force_steering)

    def _generate_local(self, prompt, max_new_tokens, behavior_names, force_steering):
        raise MechanexError("No local model loaded. Call mx.load_model(...) first.")


_client = _Client()
set_key = _client.set_key
set_model = _client.set_model
generation = _client.generation
policy = _client.policy
steering = _client.steering
sae = _client.sae
