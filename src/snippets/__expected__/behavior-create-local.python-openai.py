# The OpenAI client has no call for POST /behaviors/create; use curl, fetch or mechanex for it.
