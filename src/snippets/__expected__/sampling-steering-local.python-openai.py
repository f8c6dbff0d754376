# The OpenAI client has no call for POST /sampling/generate; use curl or fetch for it.
