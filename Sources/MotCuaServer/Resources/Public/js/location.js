// "Dùng vị trí hiện tại": fills the feedback form's coordinates from the phone's location, when the
// browser has it and the person allows it. Without script the button stays hidden and the
// coordinates are typed (or left empty: the address is enough).
(function () {
  var button = document.getElementById("vi-tri-hien-tai");
  if (!button || !navigator.geolocation) return;
  var status = document.getElementById("vi-tri-trang-thai");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Đang lấy vị trí…";
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
      document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
      status.textContent = "Đã điền vị trí hiện tại (sai số khoảng " + Math.round(position.coords.accuracy) + " m).";
    }, function () {
      status.textContent = "Không lấy được vị trí: hãy ghi địa chỉ.";
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
