"""Produces jinja-reference.json: what each real chat template renders for fixed conversations.

Run once, offline, by hand (tests never run Python):
    python3 render_jinja_reference.py /path/to/shared/models/templates > jinja-reference.json
Rendered with Jinja2 3.1.6 the way Hugging Face transformers does (ImmutableSandboxedEnvironment,
trim_blocks, lstrip_blocks, loopcontrols, tojson, raise_exception), strftime_now() = "26 Jul 2024",
add_generation_prompt=True, no tools, no enable_thinking. The leading BOS token is removed from the
output, because our templates leave it to the tokenizer (as llama.cpp does).
"""
import glob, json, os, sys
from jinja2.sandbox import ImmutableSandboxedEnvironment

SPECIAL = {  # bos/eos per model family, as in the models' tokenizer_config.json
    "meta-llama": ("<|begin_of_text|>", "<|eot_id|>"),
    "Qwen": ("", "<|im_end|>"),
    "LFM2": ("<|startoftext|>", "<|im_end|>"),
    "microsoft-Phi": ("<s>", "<|endoftext|>"),
    "google-gemma": ("<bos>", "<eos>"),
    "mistral": ("<s>", "</s>"),
    "Mistral": ("<s>", "</s>"),
    "GLM": ("", "<|endoftext|>"),
    "rwkv": ("", ""),
    "deepseek": ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"),
    "Bielik": ("<s>", "</s>"),
    "MiniCPM": ("<s>", "</s>"),
    "MiMo": ("", "<|im_end|>"),
}
SYSTEM = [{"role": "system", "content": "You are a helpful assistant."}]
DIALOG = [
    {"role": "user", "content": "Hello! What is 2+2?"},
    {"role": "assistant", "content": "2+2 equals 4."},
    {"role": "user", "content": "And 3+3?"},
]
CONVERSATIONS = {"with_system": SYSTEM + DIALOG, "no_system": DIALOG}


def raise_exception(message):
    raise ValueError(message)


def main(folder):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
    env.filters["tojson"] = lambda x, indent=None, separators=None, sort_keys=False, ensure_ascii=False: json.dumps(
        x, indent=indent, separators=separators, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: "26 Jul 2024"
    rendered = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.jinja"))):
        name = os.path.basename(path)
        key = next((k for k in SPECIAL if k in name), None)
        if key is None:
            continue
        bos, eos = SPECIAL[key]
        for label, messages in CONVERSATIONS.items():
            try:
                template = env.from_string(open(path, encoding="utf-8").read())
                text = template.render(messages=messages, add_generation_prompt=True, bos_token=bos, eos_token=eos)
            except Exception as error:  # e.g. gemma-2 refuses a system role; HF-only tags
                text = None
                print(f"{name} {label}: {error}", file=sys.stderr)
            if text is not None and bos and text.startswith(bos):
                text = text[len(bos):]
            rendered.setdefault(name, {})[label] = text
    json.dump({"conversations": CONVERSATIONS, "rendered": rendered}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
