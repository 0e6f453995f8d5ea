module github.com/shimgen/shimgen/runtimes

go 1.23
