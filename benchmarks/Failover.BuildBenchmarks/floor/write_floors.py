#!/usr/bin/env python3
"""Writes two hand-made implementations of every route interface of the build benchmark's Routes project, the floor
of what any generator that implements the interfaces must compile:

  Floor/   each method `=> throw null!;`                      (a body that does nothing)
  Floor2/  each method one call to one generic dispatch helper  (the thinnest body that could route a call)

Usage: write_floors.py ROUTES_DIR   (the Routes project the benchmark wrote, e.g. $TMPDIR/failover-buildbench/Routes,
after `dotnet run -c Release --project benchmarks/Failover.BuildBenchmarks -- --sizes-only`). measure.sh builds them."""
import glob
import os
import re
import sys

root = sys.argv[1]
os.makedirs(os.path.join(root, "Floor"), exist_ok=True)
os.makedirs(os.path.join(root, "Floor2"), exist_ok=True)
route = 0
for path in sorted(glob.glob(os.path.join(root, "IArea*.cs"))):
    source = open(path).read()
    name = re.search(r"public interface I(\w+)", source).group(1)
    usings = "".join(line + "\n" for line in source.splitlines() if line.startswith("using "))
    methods = re.findall(r"^    ([^\[\s/][^;]*\));\s*$", source, flags=re.M)
    throws, calls = [], []
    for method in methods:
        returns = method[: method.index(">") + 1] if method.startswith("IAsyncEnumerable") else method.split(" ")[0]
        parameters = method[method.index("(") + 1 : -1]
        names = [p.split("=")[0].strip().split(" ")[-1] for p in parameters.split(",") if p.strip()]
        names = [n for n in names if n != "cancellationToken"]
        throws.append(f"    public {method} => throw null!;")
        calls.append(f"    public {method} => global::Bench.Routes.FloorDispatch.Call<{returns}>({route}, new object?[] {{ {', '.join(names)} }}, cancellationToken);")
        route += 1
    for folder, suffix, lines in (("Floor", "Floor", throws), ("Floor2", "Floor2", calls)):
        with open(os.path.join(root, folder, f"{name}{suffix}.cs"), "w") as out:
            out.write(f"{usings}\nnamespace Bench.Routes;\ninternal sealed class {name}{suffix} : I{name}\n{{\n" + "\n".join(lines) + "\n}\n")
with open(os.path.join(root, "Floor2", "FloorDispatch.cs"), "w") as out:
    out.write("namespace Bench.Routes;\ninternal static class FloorDispatch\n{\n    public static T Call<T>(int route, object?[] args, global::System.Threading.CancellationToken token) => throw null!;\n}\n")
print(f"{route} routes")
