module github.com/shimgen/shimgen

go 1.23

require (
	github.com/aymanbagabas/go-udiff v0.3.1
	github.com/dave/jennifer v1.7.1
	github.com/google/go-cmp v0.7.0
	github.com/rogpeppe/go-internal v1.14.1
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	golang.org/x/mod v0.23.0
	golang.org/x/tools v0.30.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	golang.org/x/sync v0.11.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)
