import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

stream = client.chat.completions.create(
    model="austen-mini",
    messages=[
        {
            "role": "user",
            "content": "It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>",
        },
    ],
    max_tokens=16,
    seed=3,
    stream=True,
    stream_options={"include_usage": True},
    stop=None,
    logprobs=True,
    top_logprobs=2,
    extra_body={"sampling_method": "min-p", "steering_vector_id": None},
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
print()
