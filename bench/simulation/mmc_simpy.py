"""M/M/c in SimPy 3, the reference for bench/simulation/run.ts.

Poisson arrivals (rate per day), exponential stays, c beds, first come first served: the same model
the SecurePath engine runs. Prints one JSON line: wall seconds of the simulation alone (not Python's
start-up), customers admitted, share who waited, mean wait. Exits 3 if SimPy is not installed so the
bench can report it as skipped.
"""
import json
import random
import sys
import time

try:
    import simpy
except ImportError:
    print(json.dumps({"skipped": "import simpy failed (Debian: apt-get install python3-simpy3)"}))
    sys.exit(3)


def main() -> None:
    arrivals_per_day = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    mean_stay = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    beds = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    days = float(sys.argv[4]) if len(sys.argv) > 4 else 1_000_000.0
    warmup = float(sys.argv[5]) if len(sys.argv) > 5 else 365.25
    rng = random.Random(int(sys.argv[6]) if len(sys.argv) > 6 else 1)

    env = simpy.Environment()
    ward = simpy.Resource(env, capacity=beds)
    stats = {"admitted": 0, "waited": 0, "wait_sum": 0.0}

    def patient(env):
        arrived = env.now
        with ward.request() as bed:
            yield bed
            if env.now >= warmup:
                wait = env.now - arrived
                stats["admitted"] += 1
                stats["wait_sum"] += wait
                if wait > 0:
                    stats["waited"] += 1
            yield env.timeout(rng.expovariate(1.0 / mean_stay))

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(arrivals_per_day))
            env.process(patient(env))

    env.process(arrivals(env))
    started = time.perf_counter()
    env.run(until=warmup + days)
    seconds = time.perf_counter() - started
    n = stats["admitted"]
    print(json.dumps({
        "simpy": simpy.__version__,
        "seconds": seconds,
        "admitted": n,
        "waitProbability": stats["waited"] / n if n else None,
        "meanWaitDays": stats["wait_sum"] / n if n else None,
    }))


if __name__ == "__main__":
    main()
