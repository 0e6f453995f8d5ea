package cli

import (
	"bytes"
	"os"
	"testing"
)

// TestSchemaCommand checks that shimgen schema prints the checked-in
// schema, byte for byte (the script only checks parts of it).
func TestSchemaCommand(t *testing.T) {
	want, err := os.ReadFile("../../spec/v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"schema"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, &stderr)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("shimgen schema differs from spec/v1.schema.json; run go test ./spec -run TestSchemaFile -update")
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", &stderr)
	}
}

// TestSchemaExitCodes pins the exit status of schema's usages.
func TestSchemaExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"schema"}, exitOK},
		{[]string{"schema", "-h"}, exitOK},
		{[]string{"schema", "extra"}, exitError},
		{[]string{"schema", "-format", "json"}, exitError},
		{[]string{"schema", "--", "x"}, exitError},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := Run(tt.args, &stdout, &stderr); got != tt.want {
			t.Errorf("shimgen %v = exit %d, want %d\nstderr:\n%s", tt.args, got, tt.want, &stderr)
		}
	}
}
