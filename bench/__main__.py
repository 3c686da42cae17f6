def main() -> None:
    print("benchmarks: see issue; nothing here yet")


if __name__ == "__main__":
    main()
