#!/usr/bin/env bash
# Regenerates docs/documents/*.png (the thumbnails in docs/documents.md): a demo store from
# `fayuan seed`, each document through the same commands a centre uses (`fayuan document`,
# `fayuan duty notice|payroll`, `fayuan report … --format pdf`; the window's 不予受理登记表 through
# the console in a private tmux server), then the first page of each PDF with pdftoppm.
# Usage: scripts/document-thumbnails.sh [path/to/fayuan]   (default .build/debug/fayuan)
# Needs sqlite3, tmux and poppler-utils. Look at every picture after running it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/debug/fayuan}")
out=$PWD/docs/documents
tmp=$(mktemp -d)
socket=fayuan-thumbs-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$tmp" 2>/dev/null || true' EXIT
export FAYUAN_DB=$tmp/演示.db XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config
mkdir -p "$tmp/pdf" "$out"

printf '246810\n' | "$bin" user add --name 张敏 --role admin --kdf-rounds 1000 >/dev/null
printf '246810\n135790\n' | "$bin" user add --name 赵审查 --role reviewer --operator 张敏 --kdf-rounds 1000 >/dev/null
printf '246810\n112233\n' | "$bin" user add --name 王丽 --role window_clerk --operator 张敏 --kdf-rounds 1000 >/dev/null
"$bin" seed --persons 200 --cases 120 --seed 3 >/dev/null 2>&1
q() { sqlite3 "$FAYUAN_DB" "$1"; }
reviewer() { printf '135790\n' | "$bin" "$@" --operator 赵审查 >/dev/null; }

# The cases: an application registered with a material missing and accepted (the
# intake papers), a granted one, a refused one, civil and criminal assignments, a closed one, and
# a granted one whose applicant recorded a sight need (large print).
applicant=$(q "SELECT id FROM applicant ORDER BY id LIMIT 1")
intake=$(printf '135790\n' | "$bin" case register --applicant "$applicant" --kind civil --cause labor_remuneration \
           --opposing 晋城市某建筑公司 --summary 在工地干活被拖欠工资三个月 --operator 赵审查 | sed -n 's/^  "id" : \([0-9]*\).*/\1/p')
q "INSERT INTO case_document(case_id, code, label, status, due_on, received_on) VALUES
     ($intake, 'id_card', '身份证明', 'received', NULL, date('now')),
     ($intake, 'household', '户口簿或居住证明', 'missing', date('now', '+7 days'), NULL)"
reviewer case accept "$intake"
granted=$(q "SELECT id FROM aid_case WHERE decided_on IS NOT NULL AND step <> 'refused' AND route = 'application'
             AND kind = 'civil' ORDER BY id LIMIT 1")
refused=$(q "SELECT id FROM aid_case WHERE step = 'refused' AND route = 'application' ORDER BY id LIMIT 1")
assigned=$(q "SELECT id FROM aid_case WHERE provider_id IS NOT NULL AND kind = 'civil' ORDER BY id LIMIT 1")
criminal=$(q "SELECT id FROM aid_case WHERE provider_id IS NOT NULL AND kind = 'criminal' ORDER BY id LIMIT 1")
closed=$(q "SELECT id FROM aid_case WHERE step IN ('closed', 'archived') ORDER BY id DESC LIMIT 1")
large=$(q "SELECT id FROM aid_case WHERE decided_on IS NOT NULL AND step <> 'refused' AND route = 'application'
           AND kind = 'civil' AND id <> $granted ORDER BY id LIMIT 1")
q "UPDATE applicant SET needs = 'sight' WHERE id = (SELECT applicant_id FROM aid_case WHERE id = $large)"
doc() { reviewer document "$1" --case "$2" --out "$tmp/pdf/$3.pdf"; }
doc application-form "$intake" application-form
doc hardship-statement "$intake" hardship-statement
doc material-receipt "$intake" receipt
doc supplement-notice "$intake" supplement-notice
doc grant-decision "$granted" grant-decision
doc refusal-decision "$refused" refusal-decision
doc assignment-notice "$assigned" assignment-notice
doc official-letter "$criminal" official-letter
doc service-receipt "$refused" service-receipt
doc closing-review "$closed" closing-review
doc grant-decision "$large" grant-decision-large

# The duty programme: a station's notice, and the payroll of a month once approved.
month=$(q "SELECT substr(day, 1, 7) FROM duty_shift GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
printf '246810\n' | "$bin" duty notice --month "$month" --station 140525000 --out "$tmp/pdf/roster-notice.pdf" --operator 张敏 >/dev/null
reviewer duty subsidy --month "$month" --approve
reviewer duty payroll --month "$month" --out "$tmp/pdf/subsidy-payroll.pdf"
printf '246810\n' | "$bin" report monthly --period "$month" --format pdf --out "$tmp/pdf/report-monthly.pdf" --operator 张敏 >/dev/null

# 不予受理登记表: turned away at the window, in the console.
tmux -L "$socket" new-session -d -x 100 -y 30 -e "FAYUAN_DB=$FAYUAN_DB" -e "XDG_STATE_HOME=$XDG_STATE_HOME" \
  -e "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -e "LANG=C.UTF-8" "$bin"
wait_for() {
  for _ in $(seq 1 300); do
    tmux -L "$socket" capture-pane -p | grep -qF "$1" && return 0
    sleep 0.05
  done
  echo "等待超时：$1" >&2; tmux -L "$socket" capture-pane -p >&2; exit 1
}
wait_for "输入 PIN"
tmux -L "$socket" send-keys -l 王丽; tmux -L "$socket" send-keys Tab; tmux -L "$socket" send-keys -l 112233
tmux -L "$socket" send-keys Enter
wait_for "已登录"
tmux -L "$socket" send-keys -l 3; wait_for "①申请人"
tmux -L "$socket" send-keys -l 孙六; tmux -L "$socket" send-keys F6; wait_for "不予受理原因"
tmux -L "$socket" send-keys -l 范围; tmux -L "$socket" send-keys Tab; tmux -L "$socket" send-keys -l 买卖合同纠纷，不属于法律援助事项范围
tmux -L "$socket" send-keys F2; wait_for "已登记不予受理"
cp "$(find "$tmp" -name '不予受理登记-*.pdf' | head -1)" "$tmp/pdf/window-refusal.pdf"

for f in "$tmp"/pdf/*.pdf; do
  name=$(basename "$f" .pdf)
  pdftoppm -png -scale-to-x 298 -scale-to-y -1 -f 1 -l 1 -singlefile "$f" "$out/$name"
done
# KEEP_PDF=DIR keeps the PDFs for a closer look (pdftoppm -r 100 …).
if [ -n "${KEEP_PDF:-}" ]; then mkdir -p "$KEEP_PDF" && cp "$tmp"/pdf/*.pdf "$KEEP_PDF"/; fi
ls -l "$out"
