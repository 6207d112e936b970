(function () {
  'use strict';

  // Every value shown comes from the page itself (rendered and encoded by Ward); this script only reads text
  // and attributes and moves or hides elements. It never builds markup from data.

  function items(table) {
    return table.dataset.items === 'tbody' ? Array.from(table.tBodies) : Array.from(table.tBodies[0].rows);
  }

  function firstRow(item) {
    return item.tagName === 'TBODY' ? item.rows[0] : item;
  }

  function sortKey(item, column) {
    var cell = firstRow(item).cells[column];
    if (!cell) {
      return '';
    }
    var value = cell.getAttribute('data-sort-value');
    return value !== null ? value : cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    var x = Number(a);
    var y = Number(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y)) {
      return x - y;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = header.querySelector('button');
      if (!button) {
        return;
      }
      button.addEventListener('click', function () {
        var current = header.getAttribute('aria-sort');
        var direction = current === 'ascending' ? 'descending'
          : current === 'descending' ? 'ascending'
          : (header.dataset.first || 'ascending');
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        header.setAttribute('aria-sort', direction);
        var sign = direction === 'ascending' ? 1 : -1;
        var parent = table.dataset.items === 'tbody' ? table : table.tBodies[0];
        items(table)
          .map(function (item, index) { return { item: item, key: sortKey(item, column), index: index }; })
          .sort(function (a, b) { return sign * compare(a.key, b.key) || a.index - b.index; })
          .forEach(function (entry) { parent.appendChild(entry.item); });
      });
    });
  });

  document.querySelectorAll('.filters[data-table]').forEach(function (bar) {
    var table = document.getElementById(bar.dataset.table);
    if (!table) {
      return;
    }
    var text = bar.querySelector('input[type="search"]');
    var selects = Array.from(bar.querySelectorAll('select[data-attribute]'));
    var count = bar.querySelector('.count');
    function apply() {
      var query = text ? text.value.trim().toLowerCase() : '';
      var all = items(table);
      var shown = 0;
      all.forEach(function (item) {
        var visible = selects.every(function (select) {
          return select.value === '' || item.getAttribute('data-' + select.dataset.attribute) === select.value;
        }) && (query === '' || item.textContent.toLowerCase().indexOf(query) !== -1);
        item.hidden = !visible;
        if (visible) {
          shown++;
        }
      });
      if (count) {
        count.textContent = shown + ' of ' + all.length + ' shown';
      }
    }
    if (text) {
      text.addEventListener('input', apply);
    }
    selects.forEach(function (select) { select.addEventListener('change', apply); });
    apply();
  });

  function setExpanded(button, expanded) {
    var details = document.getElementById(button.getAttribute('aria-controls'));
    if (!details) {
      return;
    }
    details.hidden = !expanded;
    button.setAttribute('aria-expanded', expanded ? 'true' : 'false');
    button.textContent = expanded ? '\u25BE' : '\u25B8';
  }

  var toggles = Array.from(document.querySelectorAll('button.toggle[aria-controls]'));
  toggles.forEach(function (button) {
    setExpanded(button, false);
    button.addEventListener('click', function (event) {
      event.stopPropagation();
      setExpanded(button, button.getAttribute('aria-expanded') !== 'true');
    });
    var row = button.closest('tr');
    if (row) {
      row.addEventListener('click', function (event) {
        if (event.target.closest('a, button, input, select')) {
          return;
        }
        setExpanded(button, button.getAttribute('aria-expanded') !== 'true');
      });
    }
  });

  document.querySelectorAll('button[data-expand]').forEach(function (button) {
    button.addEventListener('click', function () {
      var expand = button.dataset.expand === 'all';
      toggles.forEach(function (toggle) { setExpanded(toggle, expand); });
    });
  });
}());
